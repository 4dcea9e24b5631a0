#include "content/StereoDeinterleave.h"

#include <cstddef>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace loophole::signal {

#if defined(__x86_64__)

namespace {

/// [L0 R0 L1 R1] and [L2 R2 L3 R3] (left-justified integers) to scaled floats, one array each.
inline void storeFrames(__m128i first, __m128i second, __m128 scale, float* left, float* right) noexcept
{
    const __m128 a = _mm_mul_ps(_mm_cvtepi32_ps(first), scale);
    const __m128 b = _mm_mul_ps(_mm_cvtepi32_ps(second), scale);
    _mm_storeu_ps(left, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
    _mm_storeu_ps(right, _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
}

// pshufb (SSSE3) spreads 3-byte samples into the top of 32-bit lanes; x86-64's baseline is
// SSE2, so this is compiled for SSSE3 and used only where the CPU has it.
__attribute__((target("ssse3"))) int stereo24Ssse3(const uint8_t* in, int n, float scale, float* left,
                                                     float* right) noexcept
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
        storeFrames(_mm_shuffle_epi8(a, firstTwo), _mm_shuffle_epi8(b, lastTwo), s, left + i, right + i);
    }
    return i;
}

// Decided once at load time, so a call never runs a guarded static initialiser.
const bool cpuHasSsse3 = [] {
    __builtin_cpu_init(); // static initialisers may run before libgcc's own
    return __builtin_cpu_supports("ssse3") != 0;
}();

} // namespace

int deinterleaveStereo16(const uint8_t* in, int n, float scale, float* left, float* right) noexcept
{
    const __m128 s = _mm_set1_ps(scale);
    const __m128i zero = _mm_setzero_si128();
    int i = 0;
    for (; i + 4 <= n; i += 4)
    {
        // 4 frames are 16 bytes; interleaving zeros below each sample left-justifies it.
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + static_cast<std::ptrdiff_t>(i) * 4));
        storeFrames(_mm_unpacklo_epi16(zero, v), _mm_unpackhi_epi16(zero, v), s, left + i, right + i);
    }
    return i;
}

int deinterleaveStereo24(const uint8_t* in, int n, float scale, float* left, float* right) noexcept
{
    return cpuHasSsse3 ? stereo24Ssse3(in, n, scale, left, right) : 0;
}

int deinterleaveStereoFloat(const uint8_t* in, int n, float* left, float* right) noexcept
{
    int i = 0;
    for (; i + 4 <= n; i += 4)
    {
        const auto* p = reinterpret_cast<const float*>(in + static_cast<std::ptrdiff_t>(i) * 8);
        const __m128 a = _mm_loadu_ps(p);
        const __m128 b = _mm_loadu_ps(p + 4);
        _mm_storeu_ps(left + i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
        _mm_storeu_ps(right + i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
    }
    return i;
}

#else

int deinterleaveStereo16(const uint8_t*, int, float, float*, float*) noexcept { return 0; }
int deinterleaveStereo24(const uint8_t*, int, float, float*, float*) noexcept { return 0; }
int deinterleaveStereoFloat(const uint8_t*, int, float*, float*) noexcept { return 0; }

#endif

} // namespace loophole::signal
