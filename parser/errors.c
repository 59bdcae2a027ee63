/*
 * parser/errors.c — data: the code word and the Chinese and English message for every nb_error.
 *
 * The code word is stable (documents.csv and scripts match on it); the messages are for people.
 */
#include <string.h>

#include "doc.h"

static const struct {
    const char *code, *zh, *en;
} errors[NB_ERR__COUNT] = {
    [NB_ERR_NONE]           = {"", "", ""},
    [NB_ERR_OPEN]           = {"open", "无法打开或读取文件", "cannot open or read the file"},
    [NB_ERR_IS_DIR]         = {"is_directory", "这是一个目录，不是文件", "is a directory, not a file"},
    [NB_ERR_EMPTY]          = {"empty", "文件为空", "the file is empty"},
    [NB_ERR_UNKNOWN_FORMAT] = {"unknown_format", "既不是 PDF、文本、HTML，也不是 Word、WPS 或 ODF 文档（二进制数据）",
                               "neither PDF, text, HTML nor a Word, WPS or ODF document (binary data)"},
    [NB_ERR_PDF_DAMAGED]    = {"pdf_damaged", "PDF 文件损坏或被截断，无法打开",
                               "the PDF is damaged or truncated and cannot be opened"},
    [NB_ERR_PDF_ENCRYPTED]  = {"pdf_encrypted", "PDF 已加密，需要打开密码",
                               "the PDF is encrypted and needs a password to open"},
    [NB_ERR_ENCODING]       = {"encoding", "无法识别文本编码", "the text encoding could not be decoded"},
    [NB_ERR_TOO_LARGE]      = {"too_large", "文件超出处理上限", "the file is beyond the size limits"},
    [NB_ERR_LOOP]           = {"symlink_loop", "符号链接循环", "a symbolic link loop"},
    [NB_ERR_TIMEOUT]        = {"timeout", "处理超时", "processing timed out"},
    [NB_ERR_CRASH]          = {"crash", "处理进程异常终止", "the worker process crashed"},
    [NB_ERR_MEMORY]         = {"memory", "处理超出内存上限", "processing ran past the memory limit"},
    [NB_ERR_NOT_DOCUMENT]   = {"not_document", "压缩包或复合文档不是 Word、WPS 或 ODF 文字文档",
                               "a zip or compound file that is not a Word, WPS or ODF text document"},
    [NB_ERR_OFFICE_DAMAGED] = {"office_damaged", "Word 或 ODF 文档损坏或被截断，无法读取",
                               "the Word or ODF document is damaged or truncated and cannot be read"},
    [NB_ERR_OFFICE_ENCRYPTED] = {"office_encrypted", "文档已加密，需要打开密码",
                                 "the document is encrypted and needs a password to open"},
    [NB_ERR_NEEDS_LIBREOFFICE] = {"needs_libreoffice",
                                  "旧版 Word/WPS 文档需要 LibreOffice 转换，请安装 libreoffice-writer-nogui",
                                  "a legacy Word/WPS document needs LibreOffice to convert it: install libreoffice-writer-nogui"},
    [NB_ERR_CONVERT]        = {"convert_failed", "LibreOffice 无法转换该文档", "LibreOffice could not convert the document"},
};

const char *nb_error_message(nb_error e, const char *lang)
{
    if ((unsigned)e >= NB_ERR__COUNT) e = NB_ERR_UNKNOWN_FORMAT;
    return lang && strcmp(lang, "en") == 0 ? errors[e].en : errors[e].zh;
}

const char *nb_error_code(nb_error e)
{
    if ((unsigned)e >= NB_ERR__COUNT) e = NB_ERR_UNKNOWN_FORMAT;
    return errors[e].code;
}
