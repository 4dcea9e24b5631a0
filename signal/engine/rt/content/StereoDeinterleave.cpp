#include "content/StereoDeinterleave.h"

#include <cstddef>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace loophole::signal {

#if defined(__x86_64__)

namespace {

/// Four left and four right samples to frames [i, i + 4) of the sink.
inline void put(const FrameSink& out, int i, __m128 left, __m128 right) noexcept
{
    if (out.add)
    {
        const __m128 gain = _mm_set1_ps(out.gain);
        left = _mm_add_ps(_mm_loadu_ps(out.left + i), _mm_mul_ps(left, gain));
        right = _mm_add_ps(_mm_loadu_ps(out.right + i), _mm_mul_ps(right, gain));
    }
    _mm_storeu_ps(out.left + i, left);
    _mm_storeu_ps(out.right + i, right);
}

/// [L0 R0 L1 R1] and [L2 R2 L3 R3] (interleaved floats) to frames [i, i + 4) of the sink.
inline void putInterleaved(const FrameSink& out, int i, __m128 a, __m128 b) noexcept
{
    put(out, i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)), _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
}

/// The same as left-justified integers, scaled to floats.
inline void putFrames(const FrameSink& out, int i, __m128i first, __m128i second, __m128 scale) noexcept
{
    putInterleaved(out, i, _mm_mul_ps(_mm_cvtepi32_ps(first), scale), _mm_mul_ps(_mm_cvtepi32_ps(second), scale));
}

// pshufb (SSSE3) spreads 3-byte samples into the top of 32-bit lanes; x86-64's baseline is
// SSE2, so this is compiled for SSSE3 and used only where the CPU has it.
__attribute__((target("ssse3"))) int stereo24Ssse3(const uint8_t* in, int n, float scale, FrameSink out) noexcept
{
    // 4 frames are 24 bytes: frames 0-1 are bytes 0-11 of a load at 0, frames 2-3 bytes 4-15
    // of a load at 8 (so nothing past the 24 bytes is read). -1 writes a zero low byte.
    const __m128i firstTwo = _mm_setr_epi8(-1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11);
    const __m128i lastTwo = _mm_setr_epi8(-1, 4, 5, 6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15);
    const __m128 s = _mm_set1_ps(scale);
    int i = 0;
    for (; i + 4 <= n; i += 4)
    {
        const uint8_t* p = in + static_cast<std::ptrdiff_t>(i) * 6;
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 8));
        putFrames(out, i, _mm_shuffle_epi8(a, firstTwo), _mm_shuffle_epi8(b, lastTwo), s);
    }
    return i;
}

// The same eight frames at a time in 256-bit registers (about 6 % of a 64-track render over
// the SSSE3 loop alone, measured A/B; its loads from the file window are the rest of its
// time, which wider registers do not change). 8 frames are 48 bytes, four
// pairs of 12: loads at 0, 12 and 24 use their bytes 0-11 and a load at 32 its bytes 4-15,
// so nothing past the 48 bytes is read. pshufb works within each 128-bit half.
__attribute__((target("avx2"))) inline __m256i loadPairs(const uint8_t* low, const uint8_t* high) noexcept
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(low))),
                                   _mm_loadu_si128(reinterpret_cast<const __m128i*>(high)), 1);
}

/// [a0 a1 b0 b1 | a2 a3 b2 b3] to [a0 a1 a2 a3 | b0 b1 b2 b3]: the middle 64-bit pairs swapped.
__attribute__((target("avx2"))) inline __m256 inOrder(__m256 v) noexcept
{
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(v), _MM_SHUFFLE(3, 1, 2, 0)));
}

__attribute__((target("avx2"))) int stereo24Avx2(const uint8_t* in, int n, float scale, FrameSink out) noexcept
{
    const __m256i pairsAtStart = _mm256_setr_epi8(-1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11,
                                                  -1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11);
    const __m256i lastPairAtEnd = _mm256_setr_epi8(-1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11,
                                                   -1, 4, 5, 6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15);
    const __m256 s = _mm256_set1_ps(scale);
    const __m256 gain = _mm256_set1_ps(out.gain);
    int i = 0;
    for (; i + 8 <= n; i += 8)
    {
        const uint8_t* p = in + static_cast<std::ptrdiff_t>(i) * 6;
        const __m256i a = loadPairs(p, p + 12);
        const __m256i b = loadPairs(p + 24, p + 32);
        // [L0 R0 L1 R1 | L2 R2 L3 R3] and [L4 R4 L5 R5 | L6 R6 L7 R7], scaled.
        const __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_shuffle_epi8(a, pairsAtStart)), s);
        const __m256 y = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_shuffle_epi8(b, lastPairAtEnd)), s);
        // [L0 L1 L4 L5 | L2 L3 L6 L7] into order; the same for R.
        __m256 left = inOrder(_mm256_shuffle_ps(x, y, _MM_SHUFFLE(2, 0, 2, 0)));
        __m256 right = inOrder(_mm256_shuffle_ps(x, y, _MM_SHUFFLE(3, 1, 3, 1)));
        if (out.add)
        {
            left = _mm256_add_ps(_mm256_loadu_ps(out.left + i), _mm256_mul_ps(left, gain));
            right = _mm256_add_ps(_mm256_loadu_ps(out.right + i), _mm256_mul_ps(right, gain));
        }
        _mm256_storeu_ps(out.left + i, left);
        _mm256_storeu_ps(out.right + i, right);
    }
    return i;
}

// Decided once at load time, so a call never runs a guarded static initialiser.
// (__builtin_cpu_supports("avx2") also asks whether the OS saves the 256-bit registers.)
const bool cpuHasSsse3 = [] {
    __builtin_cpu_init(); // static initialisers may run before libgcc's own
    return __builtin_cpu_supports("ssse3") != 0;
}();
const bool cpuHasAvx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
}();

} // namespace

int deinterleaveStereo16(const uint8_t* in, int n, float scale, FrameSink out) noexcept
{
    const __m128 s = _mm_set1_ps(scale);
    const __m128i zero = _mm_setzero_si128();
    int i = 0;
    for (; i + 4 <= n; i += 4)
    {
        // 4 frames are 16 bytes; interleaving zeros below each sample left-justifies it.
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + static_cast<std::ptrdiff_t>(i) * 4));
        putFrames(out, i, _mm_unpacklo_epi16(zero, v), _mm_unpackhi_epi16(zero, v), s);
    }
    return i;
}

int deinterleaveStereo24(const uint8_t* in, int n, float scale, FrameSink out) noexcept
{
    const int wide = cpuHasAvx2 ? stereo24Avx2(in, n, scale, out) : 0;
    const uint8_t* rest = in + static_cast<std::ptrdiff_t>(wide) * 6;
    return wide + (cpuHasSsse3 ? stereo24Ssse3(rest, n - wide, scale, out.after(wide)) : 0);
}

int deinterleaveStereoFloat(const uint8_t* in, int n, FrameSink out) noexcept
{
    int i = 0;
    for (; i + 4 <= n; i += 4)
    {
        const auto* p = reinterpret_cast<const float*>(in + static_cast<std::ptrdiff_t>(i) * 8);
        putInterleaved(out, i, _mm_loadu_ps(p), _mm_loadu_ps(p + 4));
    }
    return i;
}

#else

int deinterleaveStereo16(const uint8_t*, int, float, FrameSink) noexcept { return 0; }
int deinterleaveStereo24(const uint8_t*, int, float, FrameSink) noexcept { return 0; }
int deinterleaveStereoFloat(const uint8_t*, int, FrameSink) noexcept { return 0; }

#endif

} // namespace loophole::signal
