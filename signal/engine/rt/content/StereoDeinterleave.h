// Interleaved stereo WAV samples to two float arrays (stored, or added times a gain: see
// FrameSink), four frames per step with SSE (24-bit: eight with AVX2 where the CPU has it).
// The scalar loop in WavFrameReader loads, converts and stores one sample at a time (a fifth
// of an offline render of 64 tracks, perf); these produce the same bits: each sample is
// left-justified in 32 bits, converted exactly (16/24-bit values fit a float's mantissa)
// and multiplied by the same scale, and 32-bit floats are only moved.
//
// Each returns how many frames it converted (a multiple of four, or 0 where the CPU lacks
// the instructions); the caller converts the rest. Never reads outside the n frames given.
#pragma once

#include "content/FrameSink.h"

#include <cstdint>

namespace loophole::signal {

int deinterleaveStereo16(const uint8_t* frames, int n, float scale, FrameSink out) noexcept;
int deinterleaveStereo24(const uint8_t* frames, int n, float scale, FrameSink out) noexcept;
int deinterleaveStereoFloat(const uint8_t* frames, int n, FrameSink out) noexcept;

} // namespace loophole::signal
