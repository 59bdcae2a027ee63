/*
 * cmd/rules.c — `nianbao rules` lists the audit rules (ID, severity, title); `nianbao explain ID`
 * prints one rule's page: title, severity, what it checks and why, its message template and an
 * example. Both read the one catalog (rules/catalog.c) and print in the language chosen (--lang).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../rules/finding.h"
#include "cli.h"

int cmd_rules(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    printf("%-24s %-8s %s\n", "ID", NB_TR(o, "级别", "SEVERITY"), NB_TR(o, "标题", "TITLE"));
    for (int i = 0; i < nb_nrules; i++) {
        const nb_rule *r = &nb_rules[i];
        printf("%-24s %-8s %s\n", r->id, nb_severity_name(r->severity), NB_TR(o, r->title_zh, r->title_en));
    }
    return NB_EXIT_OK;
}

/* IDs are upper case; accept what a person types (sum-t3-row). */
static const nb_rule *find_rule_any_case(const char *id)
{
    char buf[64];
    size_t n = strlen(id);
    if (n >= sizeof buf) return NULL;
    for (size_t i = 0; i <= n; i++) buf[i] = (char)toupper((unsigned char)id[i]);
    return nb_rule_find(buf);
}

static void print_rule(const nb_rule *r, const nb_opts *o)
{
    printf("%s — %s\n\n", r->id, NB_TR(o, r->title_zh, r->title_en));
    printf("%s %s\n", NB_TR(o, "级别：", "severity:"), nb_severity_name(r->severity));
    printf("%s %s\n", NB_TR(o, "类别：", "family:  "),
           nb_rule_is_extraction(r) ? NB_TR(o, "提取质量（nianbao 自身的疑问，不是报告的错误）",
                                             "extraction quality (nianbao's own doubt, not the report's fault)")
                                    : NB_TR(o, "审核", "audit"));
    printf("\n%s\n  %s\n", NB_TR(o, "说明：", "description:"), NB_TR(o, r->desc_zh, r->desc_en));
    printf("\n%s\n  %s\n", NB_TR(o, "消息模板：", "message template:"), NB_TR(o, r->msg_zh, r->msg_en));
    printf("\n%s\n  %s\n", NB_TR(o, "示例：", "example:"), r->example);
}

int cmd_explain(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    if (o->ninputs != 1) {
        fprintf(stderr, "%s", NB_TR(o, "用法: nianbao explain 规则ID（nianbao rules 列出全部规则）\n",
                                       "usage: nianbao explain RULE-ID (nianbao rules lists them)\n"));
        return NB_EXIT_TROUBLE;
    }
    const nb_rule *r = find_rule_any_case(o->inputs[0]);
    if (!r) {
        fprintf(stderr, NB_TR(o, "nianbao explain: 没有规则 '%s'（nianbao rules 列出全部规则）\n",
                                 "nianbao explain: no rule '%s' (nianbao rules lists them)\n"),
                o->inputs[0]);
        return NB_EXIT_TROUBLE;
    }
    print_rule(r, o);
    return NB_EXIT_OK;
}
