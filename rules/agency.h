/*
 * rules/agency.h — is an agency a government (人民政府, 管委会, a place) or a department (局, 委,
 * 办公室 …)? The answer chooses the legal deadline of 条例 第四十九条 (DATE-LATE).
 *
 * The corpus generator computes its truth with the same rule, so this file depends on nothing but
 * the C library and can be compiled on its own.
 */
#ifndef NB_AGENCY_H
#define NB_AGENCY_H

/* 1 when the agency is a government publishing its own report, 0 for a department (and for an
 * empty name). A government: the name ends with 人民政府, 政府, 管委会 or 管理委员会, or it is a bare
 * place name ending in 省 市 区 县 旗 州 盟 镇 乡 街道 (平潭综合实验区). Everything else is a
 * department: …局, …委员会, …委, …办公室, …办公厅, …中心, …厅 (上海市人民政府办公厅). */
int nb_agency_is_government(const char *name);

#endif
