/*
 * cmd/main.c — nianbao's entry point: the table of subcommands and the options they share.
 *
 * `nianbao <command> [options] FILE|DIR...`. Options are parsed here once for every command (a
 * command ignores those it has no use for), so that -o, -j or --lang mean the same everywhere.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/ingest.h"
#include "cli.h"

#ifndef NB_VERSION
#define NB_VERSION "dev"
#endif

typedef struct nb_command {
    const char *name;
    int (*fn)(int, char **, nb_opts *);
    const char *zh, *en;      /* one-line summaries for --help */
} nb_command;

static const nb_command commands[] = {
    {"audit",   cmd_audit,   "提取表格并检查：写出 cells/documents/t2-t4/findings", "extract the tables and check them: cells, documents, t2-t4, findings"},
    {"extract", cmd_extract, "只提取表格：写出 cells.csv、documents.csv、t2/t3/t4.csv", "extract the tables only: cells.csv, documents.csv, t2/t3/t4.csv"},
    {"dump",    cmd_dump,    "打印解析器看到的文档模型（页、行、词、章节、标题、落款日期）", "print the document model the parser saw (pages, lines, words, sections, title, date)"},
    {"rules",   cmd_rules,   "列出全部检查规则", "list the audit rules"},
    {"explain", cmd_explain, "解释一条规则：说明与示例", "explain one rule: description and example"},
    {"merge",   cmd_merge,   "合并分片输出目录（或 --from-jsonl 的 JSON Lines）为一次完整运行的输出", "merge shard output folders (or --from-jsonl streams) into the output of one whole run"},
    {"report",  cmd_report,  "由输出目录生成供人阅读的 HTML 报告（--html）", "make the HTML report people read from an output folder (--html)"},
    {"runs",    cmd_runs,    "列出状态库（--state）记录的各次运行", "list the runs recorded in the state (--state)"},
    {"diff",    cmd_diff,    "两次运行之间发现的变化：diff --state F RUN1 RUN2", "what changed in the findings between two runs: diff --state F RUN1 RUN2"},
};

static int lang_is_en(const char *v)
{
    return v && (strncmp(v, "en", 2) == 0 || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0);
}

static void usage(FILE *f, const nb_opts *o)
{
    fprintf(f, "%s", NB_TR(o, "用法: nianbao <命令> [选项] 文件|目录...\n\n命令:\n",
                              "usage: nianbao <command> [options] FILE|DIR...\n\ncommands:\n"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, NB_TR(o, commands[i].zh, commands[i].en));
    fprintf(f, "%s", NB_TR(o,
        "\n选项:\n"
        "  -o, --output DIR      输出目录（extract/audit）\n"
        "  -j, --jobs N          并行工作进程数（默认：CPU 核数）\n"
        "      --files-from F    从文件 F（- 为标准输入）读取路径，每行一个\n"
        "      --lang zh|en      消息语言（默认取自 LANG）\n"
        "      --fail-on LEVEL   error|warning|info|never：达到此级别的发现使退出码为 1（默认 error）\n"
        "      --waivers F       豁免清单（CSV：rule,target,cell,reason,expires）\n"
        "      --deadline MM-DD  统一的发布截止日期，覆盖法定日期\n"
        "      --deadlines F     按机关覆盖截止日期（CSV：agency,MM-DD）\n"
        "      --today YYYY-MM-DD  以此日期为“今天”\n"
        "      --timeout S       单个文件的处理时限，秒（默认 60）\n"
        "      --max-memory MB   单个工作进程的内存上限（默认 2048）\n"
        "      --resume          继续上一次中断的运行（不重做已完成的文件）\n"
        "      --no-fork         在本进程内处理（调试用，无隔离）\n"
        "      --bom             CSV 文件加 UTF-8 BOM（便于 Excel 打开）\n"
        "      --html F          写出一页自包含的 HTML 报告（audit、report）\n"
        "      --evidence-budget MB  HTML 报告中证据图的总量上限（默认 24，0 为不限）\n"
        "      --state F         运行历史（SQLite）：audit 只重做变化的文件并写出新增/已解决的发现；report 读取\n"
        "      --busy-timeout MS 另一次运行占用状态库时最多等待的毫秒数（默认 10000）\n"
        "      --roster F        机关名册（CSV：agency,kind[,deadline][,parent][,aliases]）\n"
        "      --year Y          按名册核对的年度（默认：本次运行出现的年度）\n"
        "      --copy-last-year T    与上年报告雷同的相似度阈值（默认 0.71）\n"
        "      --copy-other-agency T 与其他机关报告雷同的相似度阈值（默认 0.83）\n"
        "      --ocr auto|never|always  扫描页的文字识别（默认 auto：没有文字层的页）\n"
        "      --ocr-dpi N       识别矢量页时的渲染分辨率（默认 300；整页图像按其自身分辨率）\n"
        "      --shard K/N       只处理第 K 份（共 N 份，按相对路径的哈希划分）\n"
        "      --jsonl F|-       每份报告处理完即写出一行 JSON（文件或标准输出）\n"
        "      --from-jsonl      merge：输入是 --jsonl 写出的文件\n"
        "  -q, --quiet / -v, --verbose\n"
        "\n退出码: 0 无达到 --fail-on 的发现；1 有；2 有文件无法处理或用法错误\n",
        "\noptions:\n"
        "  -o, --output DIR      output directory (extract/audit)\n"
        "  -j, --jobs N          worker processes (default: number of cores)\n"
        "      --files-from F    read paths from F (- for stdin), one per line\n"
        "      --lang zh|en      language of messages (default from LANG)\n"
        "      --fail-on LEVEL   error|warning|info|never: findings at this level make the exit status 1 (default error)\n"
        "      --waivers F       waivers (CSV: rule,target,cell,reason,expires)\n"
        "      --deadline MM-DD  one publication deadline for every agency, instead of the legal ones\n"
        "      --deadlines F     per-agency deadlines (CSV: agency,MM-DD)\n"
        "      --today YYYY-MM-DD  take this date as today\n"
        "      --timeout S       time limit per file, seconds (default 60)\n"
        "      --max-memory MB   memory limit per worker (default 2048)\n"
        "      --resume          continue an interrupted run (finished files are not redone)\n"
        "      --no-fork         process files in this process (debugging; no isolation)\n"
        "      --bom             write a UTF-8 BOM on CSV files (for Excel)\n"
        "      --html F          write one self-contained HTML report (audit, report)\n"
        "      --evidence-budget MB  evidence images in the HTML report at most (default 24, 0: no limit)\n"
        "      --state F         the runs' history (SQLite): audit redoes only what changed and writes new and\n"
        "                        resolved findings; report reads it\n"
        "      --busy-timeout MS how long to wait for another run holding the state (default 10000)\n"
        "      --roster F        the agencies expected to report (CSV: agency,kind[,deadline][,parent][,aliases])\n"
        "      --year Y          the year checked against the roster (default: the years in the run)\n"
        "      --copy-last-year T    similarity at which a report repeats last year's (default 0.71)\n"
        "      --copy-other-agency T similarity at which a report is another agency's (default 0.83)\n"
        "      --ocr auto|never|always  OCR of scanned pages (default auto: pages without a text layer)\n"
        "      --ocr-dpi N       resolution pages are rendered at for OCR (default 300; a page that is one image is read at its own)\n"
        "      --shard K/N       process part K of N only (split by a hash of the relative path)\n"
        "      --jsonl F|-       one JSON object per report as soon as it is done (a file, or stdout)\n"
        "      --from-jsonl      merge: the inputs are files written by --jsonl\n"
        "  -q, --quiet / -v, --verbose\n"
        "\nexit status: 0 no finding at --fail-on or above; 1 some; 2 some file could not be processed, or bad usage\n"));
}

enum {
    OPT_LANG = 256, OPT_FILES_FROM, OPT_FAIL_ON, OPT_WAIVERS, OPT_DEADLINE, OPT_DEADLINES, OPT_TODAY,
    OPT_TIMEOUT, OPT_MAX_MEMORY, OPT_BOM, OPT_RESUME, OPT_NO_FORK, OPT_VERSION, OPT_HTML, OPT_STATE,
    OPT_EVIDENCE_BUDGET, OPT_BUSY_TIMEOUT, OPT_ROSTER, OPT_YEAR, OPT_COPY_LAST_YEAR, OPT_COPY_OTHER,
    OPT_OCR, OPT_OCR_DPI,
    OPT_SHARD, OPT_JSONL, OPT_FROM_JSONL
};

static const struct option long_opts[] = {
    {"output", required_argument, 0, 'o'},   {"jobs", required_argument, 0, 'j'},
    {"quiet", no_argument, 0, 'q'},          {"verbose", no_argument, 0, 'v'},
    {"help", no_argument, 0, 'h'},           {"lang", required_argument, 0, OPT_LANG},
    {"files-from", required_argument, 0, OPT_FILES_FROM},
    {"fail-on", required_argument, 0, OPT_FAIL_ON}, {"waivers", required_argument, 0, OPT_WAIVERS},
    {"deadline", required_argument, 0, OPT_DEADLINE}, {"deadlines", required_argument, 0, OPT_DEADLINES},
    {"today", required_argument, 0, OPT_TODAY},     {"timeout", required_argument, 0, OPT_TIMEOUT},
    {"max-memory", required_argument, 0, OPT_MAX_MEMORY}, {"bom", no_argument, 0, OPT_BOM},
    {"resume", no_argument, 0, OPT_RESUME},   {"no-fork", no_argument, 0, OPT_NO_FORK},
    {"version", no_argument, 0, OPT_VERSION},
    {"html", required_argument, 0, OPT_HTML}, {"state", required_argument, 0, OPT_STATE},
    {"evidence-budget", required_argument, 0, OPT_EVIDENCE_BUDGET},
    {"busy-timeout", required_argument, 0, OPT_BUSY_TIMEOUT}, {"roster", required_argument, 0, OPT_ROSTER},
    {"year", required_argument, 0, OPT_YEAR},
    {"copy-last-year", required_argument, 0, OPT_COPY_LAST_YEAR},
    {"copy-other-agency", required_argument, 0, OPT_COPY_OTHER},
    {"ocr", required_argument, 0, OPT_OCR},   {"ocr-dpi", required_argument, 0, OPT_OCR_DPI},
    {"shard", required_argument, 0, OPT_SHARD}, {"jsonl", required_argument, 0, OPT_JSONL},
    {"from-jsonl", no_argument, 0, OPT_FROM_JSONL},
    {0, 0, 0, 0},
};

static int parse_options(int argc, char **argv, nb_opts *o)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:qvh", long_opts, NULL)) != -1) {
        switch (c) {
        case 'o': o->out_dir = optarg; break;
        case 'j': o->jobs = atoi(optarg); break;
        case 'q': o->quiet = 1; break;
        case 'v': o->verbose = 1; break;
        case 'h': usage(stdout, o); exit(0);
        case OPT_LANG:
            if (strcmp(optarg, "zh") && strcmp(optarg, "en")) {
                fprintf(stderr, "nianbao: --lang zh|en\n");
                return -1;
            }
            o->en = strcmp(optarg, "en") == 0;
            break;
        case OPT_FILES_FROM: o->files_from = optarg; break;
        case OPT_FAIL_ON: o->fail_on = optarg; break;
        case OPT_WAIVERS: o->waivers = optarg; break;
        case OPT_DEADLINE: o->deadline = optarg; break;
        case OPT_DEADLINES: o->deadlines_file = optarg; break;
        case OPT_TODAY: o->today = optarg; break;
        case OPT_TIMEOUT: o->timeout = atoi(optarg); break;
        case OPT_MAX_MEMORY: o->max_memory_mb = atol(optarg); break;
        case OPT_BOM: o->bom = 1; break;
        case OPT_RESUME: o->resume = 1; break;
        case OPT_NO_FORK: o->no_fork = 1; break;
        case OPT_VERSION: printf("nianbao %s\n", NB_VERSION); exit(0);
        case OPT_HTML: o->html = optarg; break;
        case OPT_STATE: o->state = optarg; break;
        case OPT_EVIDENCE_BUDGET: o->evidence_budget_mb = atol(optarg); break;
        case OPT_BUSY_TIMEOUT: o->busy_timeout_ms = atoi(optarg); break;
        case OPT_ROSTER: o->roster = optarg; break;
        case OPT_YEAR: o->year = atoi(optarg); break;
        case OPT_COPY_LAST_YEAR:
        case OPT_COPY_OTHER: {
            char *e;
            double t = strtod(optarg, &e);
            if (*e || t <= 0 || t > 1) {
                fprintf(stderr, "nianbao: --%s: 0 < T <= 1\n", c == OPT_COPY_OTHER ? "copy-other-agency" : "copy-last-year");
                return -1;
            }
            if (c == OPT_COPY_OTHER) o->copy_other = t;
            else o->copy_last_year = t;
            break;
        }
        case OPT_OCR:
            if (!strcmp(optarg, "auto")) o->ocr = NB_OCR_AUTO;
            else if (!strcmp(optarg, "never")) o->ocr = NB_OCR_NEVER;
            else if (!strcmp(optarg, "always")) o->ocr = NB_OCR_ALWAYS;
            else {
                fprintf(stderr, "nianbao: --ocr auto|never|always\n");
                return -1;
            }
            break;
        case OPT_OCR_DPI:
            o->ocr_dpi = atoi(optarg);
            if (o->ocr_dpi < 50 || o->ocr_dpi > 1200) {
                fprintf(stderr, "nianbao: --ocr-dpi 50..1200\n");
                return -1;
            }
            break;
        case OPT_SHARD: o->shard = optarg; break;
        case OPT_JSONL: o->jsonl = optarg; break;
        case OPT_FROM_JSONL: o->from_jsonl = 1; break;
        default: return -1;
        }
    }
    o->inputs = argv + optind;
    o->ninputs = argc - optind;
    return 0;
}

int main(int argc, char **argv)
{
    nb_opts o = {0};
    const char *lang = getenv("LC_ALL");
    if (!lang || !*lang) lang = getenv("LC_MESSAGES");
    if (!lang || !*lang) lang = getenv("LANG");
    o.en = lang && *lang && !strncmp(lang, "zh", 2) ? 0 : lang_is_en(lang);
    o.timeout = 60;
    o.max_memory_mb = 2048;
    o.fail_on = "error";
    o.evidence_budget_mb = 24;
    o.busy_timeout_ms = 10000;

    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        /* let --lang before the command choose the language of the help */
        for (int i = 1; i + 1 < argc; i++)
            if (!strcmp(argv[i], "--lang")) o.en = !strcmp(argv[i + 1], "en");
        usage(argc < 2 ? stderr : stdout, &o);
        return argc < 2 ? NB_EXIT_TROUBLE : NB_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("nianbao %s\n", NB_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name)) continue;
        if (parse_options(argc - 1, argv + 1, &o) != 0) {
            usage(stderr, &o);
            return NB_EXIT_TROUBLE;
        }
        return commands[i].fn(argc - 1, argv + 1, &o);
    }
    fprintf(stderr, NB_TR(&o, "nianbao: 未知命令 '%s'\n", "nianbao: unknown command '%s'\n"), argv[1]);
    usage(stderr, &o);
    return NB_EXIT_TROUBLE;
}
