// CLAP ABI: one processing call's audio buffers, events and transport.
#pragma once

#include "Events.h"

namespace loophole::clap {

struct AudioBuffer
{
    float** data32;
    double** data64;
    uint32_t channelCount;
    uint32_t latency;
    uint64_t constantMask;
};

using ProcessStatus = int32_t;
enum : ProcessStatus
{
    processError = 0,
    processContinue = 1,
    processContinueIfNotQuiet = 2,
    processTail = 3,
    processSleep = 4,
};

struct Process
{
    int64_t steadyTime; // -1 = unknown
    uint32_t framesCount;
    const TransportEvent* transport;
    const AudioBuffer* audioInputs;
    AudioBuffer* audioOutputs;
    uint32_t audioInputsCount;
    uint32_t audioOutputsCount;
    const InputEvents* inEvents;
    const OutputEvents* outEvents;
};

} // namespace loophole::clap
