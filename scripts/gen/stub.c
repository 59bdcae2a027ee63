#include "model.h"
void render_html(greport *g, sbuf *out, sbuf *vars, int *gbk) { (void)g; (void)vars; (void)gbk; sb_put(out, "html\n"); }
int render_pdf(greport *g, const char *path, sbuf *vars) { (void)g; (void)path; (void)vars; return 0; }
