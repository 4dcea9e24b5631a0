// CLAP ABI: the event header, the event kinds this host sends, and the event list vtables.
#pragma once

#include "Version.h"

namespace loophole::clap {

struct EventHeader
{
    uint32_t size;    // of the whole event, in bytes
    uint32_t time;    // sample offset inside the block
    uint16_t spaceId; // 0 = the core event space
    uint16_t type;
    uint32_t flags;
};

inline constexpr uint16_t coreEventSpace = 0;

enum EventType : uint16_t
{
    noteOn = 0,
    noteOff = 1,
    noteChoke = 2,
    noteEnd = 3,
    noteExpression = 4,
    paramValue = 5,
    paramMod = 6,
    paramGestureBegin = 7,
    paramGestureEnd = 8,
    transport = 9,
    midi = 10,
    midiSysex = 11,
    midi2 = 12,
};

enum EventFlags : uint32_t
{
    eventIsLive = 1u << 0,
    eventDontRecord = 1u << 1,
};

struct NoteEvent
{
    EventHeader header;
    int32_t noteId; // -1 = unspecified
    int16_t portIndex;
    int16_t channel;
    int16_t key;
    double velocity; // 0..1
};

struct ParamValueEvent
{
    EventHeader header;
    Id paramId;
    void* cookie;
    int32_t noteId; // -1 = not per-note
    int16_t portIndex;
    int16_t channel;
    int16_t key;
    double value; // plain value, min..max of the parameter
};

struct MidiEvent
{
    EventHeader header;
    uint16_t portIndex;
    uint8_t data[3];
};

/// Fixed-point musical and seconds positions: value * 2^31.
using BeatTime = int64_t;
using SecTime = int64_t;
inline constexpr double beatTimeFactor = double(1LL << 31);
inline constexpr double secTimeFactor = double(1LL << 31);

enum TransportFlags : uint32_t
{
    transportHasTempo = 1u << 0,
    transportHasBeatsTimeline = 1u << 1,
    transportHasSecondsTimeline = 1u << 2,
    transportHasTimeSignature = 1u << 3,
    transportIsPlaying = 1u << 4,
    transportIsRecording = 1u << 5,
    transportIsLoopActive = 1u << 6,
    transportIsWithinPreRoll = 1u << 7,
};

struct TransportEvent
{
    EventHeader header;
    uint32_t flags;
    BeatTime songPosBeats;
    SecTime songPosSeconds;
    double tempo;
    double tempoInc;
    BeatTime loopStartBeats;
    BeatTime loopEndBeats;
    SecTime loopStartSeconds;
    SecTime loopEndSeconds;
    BeatTime barStart;
    int32_t barNumber;
    uint16_t tsigNum;
    uint16_t tsigDenom;
};

struct InputEvents
{
    void* ctx;
    uint32_t (*size)(const InputEvents* list);
    const EventHeader* (*get)(const InputEvents* list, uint32_t index);
};

struct OutputEvents
{
    void* ctx;
    bool (*tryPush)(const OutputEvents* list, const EventHeader* event);
};

} // namespace loophole::clap
