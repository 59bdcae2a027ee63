/*
 * parser/sha256.c — the SHA-256 fingerprint of an input file's bytes (see sha256.h).
 *
 * glib's g_checksum spends about 50 instructions a byte. A generated PDF carries half a megabyte of
 * embedded fonts, so hashing it cost more than a quarter of nianbao's whole run on that file. x86
 * processors with the SHA extensions (Intel since Goldmont and Ice Lake, AMD since Zen) do a 64-byte
 * block in a few dozen instructions; that path is taken when cpuid reports them, and glib's
 * otherwise. The two give the same digest (tests/test_sha256.c compares them on every length up to
 * a few blocks and on the real reports).
 */
#include "sha256.h"

#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define NB_SHA_NI 1
#endif

#ifdef NB_SHA_NI

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Compress n 64-byte blocks into state (a..h) with the SHA-NI instructions. The instructions keep the
 * state as two registers, ABEF and CDGH, and the message schedule four words to a register:
 * W[i+4..i+7] = msg2(msg1(W[i..], W[i+4 ..]) + W[i+9..i+12], W[i+12..]), four groups at a time. */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_ni(uint32_t state[8], const unsigned char *p, size_t n)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i t = _mm_loadu_si128((const __m128i *)&state[0]);       /* a b c d */
    __m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);      /* e f g h */
    t = _mm_shuffle_epi32(t, 0xB1);                                /* c d a b */
    s1 = _mm_shuffle_epi32(s1, 0x1B);                              /* h g f e */
    __m128i s0 = _mm_alignr_epi8(t, s1, 8);                        /* a b e f */
    s1 = _mm_blend_epi16(s1, t, 0xF0);                             /* c d g h */
    for (; n > 0; n--, p += 64) {
        __m128i save0 = s0, save1 = s1, w[4];
        for (int i = 0; i < 4; i++)
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
#pragma GCC unroll 16
        for (int i = 0; i < 16; i++) {
            __m128i msg = _mm_add_epi32(w[i & 3], _mm_loadu_si128((const __m128i *)&K[4 * i]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
            s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(msg, 0x0E));
            if (i < 12) {
                __m128i x = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));
                w[i & 3] = _mm_sha256msg2_epu32(x, w[(i + 3) & 3]);
            }
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
    t = _mm_shuffle_epi32(s0, 0x1B);                               /* f e b a */
    s1 = _mm_shuffle_epi32(s1, 0xB1);                              /* d c h g */
    s0 = _mm_blend_epi16(t, s1, 0xF0);                             /* d c b a */
    s1 = _mm_alignr_epi8(s1, t, 8);                                /* h g f e */
    _mm_storeu_si128((__m128i *)&state[0], s0);
    _mm_storeu_si128((__m128i *)&state[4], s1);
}

static int have_sha_ni(void)
{
    static int known = -1;
    if (known < 0) {
        unsigned a, b, c, d;
        int sse = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) && (c & bit_SSSE3);
        int sha = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
        known = sse && sha;
    }
    return known;
}

static void sha256_ni(const unsigned char *data, size_t n, char out[65])
{
    uint32_t st[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t full = n / 64;
    if (full) blocks_ni(st, data, full);
    /* the tail, 0x80, zeros and the length in bits, big-endian: one block or two (data may be NULL
     * when n is 0: an empty file) */
    unsigned char last[128] = {0};
    size_t rest = n - full * 64;
    if (rest) memcpy(last, data + full * 64, rest);
    last[rest] = 0x80;
    size_t nlast = rest + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++) last[nlast - 1 - i] = (unsigned char)(bits >> (8 * i));
    blocks_ni(st, last, nlast / 64);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        unsigned byte = (st[i / 4] >> (24 - 8 * (i % 4))) & 0xFF;
        out[2 * i] = hex[byte >> 4];
        out[2 * i + 1] = hex[byte & 15];
    }
    out[64] = '\0';
}

#endif /* NB_SHA_NI */

int nb_sha256_accelerated(void)
{
#ifdef NB_SHA_NI
    return have_sha_ni();
#else
    return 0;
#endif
}

void nb_sha256_hex(const void *data, size_t n, char out[65])
{
#ifdef NB_SHA_NI
    if (have_sha_ni()) {
        sha256_ni(data, n, out);
        return;
    }
#endif
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, n);
    memcpy(out, hex, 64);
    out[64] = '\0';
    g_free(hex);
}

/* SHA-256 of a file's bytes, streamed (a file that crashed a worker may be large); "" when it
 * cannot be read. The row of a file that failed still says which bytes it was. */
void nb_sha256_file(const char *path, char out[65])
{
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return;
    }
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    unsigned char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) g_checksum_update(ck, buf, (gssize)n);
    if (n == 0) snprintf(out, 65, "%s", g_checksum_get_string(ck));
    g_checksum_free(ck);
    close(fd);
}
