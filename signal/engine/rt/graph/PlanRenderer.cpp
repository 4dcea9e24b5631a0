#include "graph/PlanRenderer.h"

#include "mix/FaderPass.h"
#include "mix/PanLaw.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace loophole::signal {

const ParameterTarget* RenderPlan::findTarget(uint32_t node) const noexcept
{
    auto it = std::lower_bound(targets.begin(), targets.end(), node,
                               [](const auto& entry, uint32_t id) { return entry.first < id; });
    return it != targets.end() && it->first == node ? &it->second : nullptr;
}

void adoptPlan(RenderPlan& plan) noexcept
{
    for (auto& channel : plan.channels)
    {
        auto& s = *channel.state;
        s.gain.retarget(channel.gain);
        s.pan.retarget(channel.pan);
        s.mute.retarget(channel.mute ? 1.0f : 0.0f);
        s.polarity.retarget(channel.polarity ? 1.0f : 0.0f);
        for (auto& feed : channel.feeds)
            feed.state->gain.retarget(feed.gain);
    }
}

namespace {

/// One strip value over the segment: true and `constant` set when it does not move,
/// otherwise `out` holds it per sample. Automation, when present, overrides events.
bool computeLane(StripValue& value, const Curve& curve, uint32_t node, uint32_t param,
                 const Segment& seg, float* out, float& constant) noexcept
{
    const int n = seg.frames;
    if (!curve.empty())
    {
        if (!seg.transport->playing)
        {
            constant = curve.valueAt(seg.transport->position);
            return true;
        }
        curve.render(seg.transport->position, out, n);
        return false;
    }

    bool moves = value.rampLeft > 0;
    for (const auto& change : seg.due)
        moves = moves || (change.node == node && change.param == param);
    if (!moves)
    {
        constant = value.value;
        return true;
    }

    int position = 0;
    auto fillTo = [&](int end) {
        for (; position < end; ++position)
        {
            out[position] = value.current();
            if (value.rampLeft > 0)
                --value.rampLeft;
        }
    };
    for (const auto& change : seg.due)
    {
        if (change.node != node || change.param != param)
            continue;
        fillTo(static_cast<int>(std::clamp<int64_t>(change.atSample - seg.engineSample, 0, n)));
        value.value = change.value;
        value.rampLeft = 0;
    }
    fillTo(n);
    return false;
}

float fadeShape(ipc::FadeShape shape, float x) noexcept
{
    switch (shape)
    {
        case ipc::FadeShape::Linear: return x;
        case ipc::FadeShape::EqualPower: return std::sin(x * std::numbers::pi_v<float> * 0.5f);
        case ipc::FadeShape::Exponential: return x * x; // slow start, as a gain in dB would rise
    }
    return x;
}

void addAudioClips(RenderPlan& plan, PlanChannel& channel, const Segment& seg) noexcept
{
    const int64_t t0 = seg.transport->position;
    const int64_t t1 = t0 + seg.frames;
    float* scratch[2] = { plan.clipScratch.getWritePointer(0), plan.clipScratch.getWritePointer(1) };
    const auto& transport = *seg.transport;
    for (auto& clip : channel.audioClips)
    {
        if (transport.loopActive() && clip.stream && transport.loopStart >= clip.start
            && transport.loopStart < clip.start + clip.length)
            clip.stream->cue(transport.loopStart - clip.start);
        const int64_t from = std::max(t0, clip.start);
        const int64_t to = std::min(t1, clip.start + clip.length);
        if (from >= to || !clip.stream)
            continue;
        const int n = static_cast<int>(to - from);
        const int64_t relative = from - clip.start;
        const int offset = static_cast<int>(from - t0);
        float* dest[2] = { channel.audio.getWritePointer(0, offset), channel.audio.getWritePointer(1, offset) };
        const bool fading = relative < clip.fadeIn || relative + n > clip.length - clip.fadeOut;
        if (!fading)
        {
            clip.stream->addTo(relative, dest, n, clip.gain); // on underrun: silence, counted
            continue;
        }
        if (!clip.stream->read(relative, scratch, n))
            continue;
        float* left = dest[0];
        float* right = dest[1];
        for (int i = 0; i < n; ++i)
        {
            const int64_t r = relative + i;
            float g = clip.gain;
            if (r < clip.fadeIn)
                g *= fadeShape(clip.fadeInShape, static_cast<float>(r) / static_cast<float>(clip.fadeIn));
            if (r >= clip.length - clip.fadeOut)
                g *= fadeShape(clip.fadeOutShape, static_cast<float>(clip.length - r) / static_cast<float>(clip.fadeOut));
            left[i] += g * scratch[0][i];
            right[i] += g * scratch[1][i];
        }
    }
}

bool roomFor(const juce::MidiBuffer& midi, int bytes) noexcept
{
    // MidiBuffer stores a 6-byte header per event; never grow past what the plan reserved.
    return midi.data.size() + bytes + 8 <= PlanChannel::midiCapacityBytes;
}

void addMidi(juce::MidiBuffer& midi, uint8_t status, uint8_t d1, uint8_t d2, int offset) noexcept
{
    const uint8_t bytes[3] = { status, d1, d2 };
    const int size = juce::MidiMessage::getMessageLengthFromFirstByte(status);
    if (roomFor(midi, size))
        midi.addEvent(bytes, size, offset);
}

void releaseHeld(PlanMidiClip& clip, juce::MidiBuffer& midi, int offset) noexcept
{
    if (clip.held.none())
        return;
    for (size_t key = 0; key < clip.held.size(); ++key)
        if (clip.held.test(key))
            addMidi(midi, static_cast<uint8_t>(0x80 | (key / 128)), static_cast<uint8_t>(key % 128), 0, offset);
    clip.held.reset();
}

void addMidiClips(PlanChannel& channel, const Segment& seg) noexcept
{
    const int64_t t0 = seg.transport->position;
    const int64_t t1 = t0 + seg.frames;
    for (auto& clip : channel.midiClips)
    {
        if (seg.discontinuity)
            clip.held.reset(); // the renderer already sent all-notes-off
        const int64_t from = std::max(t0, clip.start);
        const int64_t to = std::min(t1, clip.start + clip.length);
        if (from >= to || clip.events.empty())
            continue;
        const int64_t period = clip.loopLength > 0 ? clip.loopLength : clip.length;
        int64_t base = ((from - clip.start) / period) * period; // clip-relative start of this pass
        for (; clip.start + base < to; base += period)
        {
            const int64_t lo = std::max<int64_t>(from - clip.start - base, 0);
            const int64_t hi = std::min<int64_t>(to - clip.start - base, period);
            auto it = std::lower_bound(clip.events.begin(), clip.events.end(), lo,
                                       [](const PlanMidiEvent& e, int64_t t) { return e.time < t; });
            for (; it != clip.events.end() && it->time < hi; ++it)
            {
                const int offset = static_cast<int>(clip.start + base + it->time - t0);
                addMidi(channel.midi, it->status, it->data1, it->data2, offset);
                const size_t key = static_cast<size_t>(it->status & 0x0F) * 128 + (it->data1 & 0x7F);
                const uint8_t kind = it->status & 0xF0;
                if (kind == 0x90 && it->data2 > 0)
                    clip.held.set(key);
                else if (kind == 0x80 || kind == 0x90)
                    clip.held.reset(key);
            }
            // A note still on when its pass (or the clip) ends would hang: release it there.
            const int64_t passEnd = std::min(clip.start + base + period, clip.start + clip.length);
            if (passEnd <= to && passEnd > t0)
                releaseHeld(clip, channel.midi, static_cast<int>(passEnd - t0) - 1);
        }
    }
}

void collectInsertEvents(PlanInsert& insert, const Segment& seg) noexcept
{
    auto& events = insert.events;
    events.clear();
    const auto limit = events.capacity();
    const uint32_t id = insert.instance->id;
    auto automated = [&](uint32_t index) {
        for (const auto& [param, curve] : insert.automation)
            if (param == index)
                return true;
        return false;
    };
    for (const auto& change : seg.due)
    {
        if (change.node != id || automated(change.param) || events.size() >= limit)
            continue;
        events.push_back({ static_cast<int>(std::clamp<int64_t>(change.atSample - seg.engineSample, 0, seg.frames - 1)),
                           change.param, change.value });
    }
    // Automation reaches inserts every 32 samples, exactly at each block's first sample.
    constexpr int step = 32;
    for (const auto& [param, curve] : insert.automation)
    {
        const int last = seg.transport->playing ? seg.frames : 1;
        for (int offset = 0; offset < last && events.size() < limit; offset += step)
            events.push_back({ offset, param, curve.valueAt(seg.transport->position + offset) });
    }
    // Insertion sort: stable, in place, and the lists are short.
    for (size_t i = 1; i < events.size(); ++i)
    {
        auto e = events[i];
        size_t j = i;
        for (; j > 0 && events[j - 1].sampleOffset > e.sampleOffset; --j)
            events[j] = events[j - 1];
        events[j] = e;
    }
}

void runInserts(RenderPlan& plan, PlanChannel& channel, const Segment& seg, const TransportInfo& info) noexcept
{
    for (auto& insert : channel.inserts)
    {
        if (insert.bypass || !insert.instance || !insert.instance->processor)
            continue;
        collectInsertEvents(insert, seg);
        juce::AudioBuffer<float> audio(channel.audio.getArrayOfWritePointers(), 2, seg.frames);
        std::optional<juce::AudioBuffer<float>> sidechain;
        if (insert.sidechainFrom >= 0)
            sidechain.emplace(plan.channels[static_cast<size_t>(insert.sidechainFrom)].audio.getArrayOfWritePointers(), 2,
                              seg.frames);
        InsertContext context{ audio, sidechain ? &*sidechain : nullptr, channel.midi,
                               std::span<const ParameterEvent>(insert.events), info };
        insert.instance->processor->process(context);
    }
}

TransportInfo transportInfo(const RenderPlan& plan, const Segment& seg) noexcept
{
    const auto& t = *seg.transport;
    const auto m = plan.tempo.at(t.position);
    TransportInfo info;
    info.sampleRate = plan.sampleRate;
    info.playing = t.playing;
    info.looping = t.loopActive();
    info.timelineSample = t.position;
    info.loopStart = t.loopStart;
    info.loopEnd = t.loopEnd;
    info.bpm = m.bpm;
    info.ppqPosition = m.ppq;
    info.ppqOfLastBarStart = m.ppqOfLastBarStart;
    info.timeSigNumerator = m.numerator;
    info.timeSigDenominator = m.denominator;
    return info;
}

/// A feed's gain over the segment: true and `gain` set when it does not move, otherwise
/// plan.laneSend holds it per sample. Once per feed and segment: it advances ramps.
bool feedGain(RenderPlan& plan, PlanFeed& feed, const Segment& seg, float& gain) noexcept
{
    gain = 1.0f;
    return feed.target < 0 || feed.sendId == 0
           || computeLane(feed.state->gain, feed.gainCurve, feed.sendId, static_cast<uint32_t>(ipc::SendParam::Gain), seg,
                          plan.laneSend.data(), gain);
}

/// Adds the channel's audio to the feed's target with the gain feedGain() found.
void sendFeedWith(RenderPlan& plan, PlanChannel& channel, PlanFeed& feed, const Segment& seg, bool constant,
                  float gain) noexcept
{
    const int n = seg.frames;
    const float* left = channel.audio.getReadPointer(0);
    const float* right = channel.audio.getReadPointer(1);
    if (feed.target < 0)
    {
        if (seg.numOutputs > 0)
            juce::FloatVectorOperations::add(seg.outputs[0] + seg.outputOffset, left, n);
        if (seg.numOutputs > 1)
            juce::FloatVectorOperations::add(seg.outputs[1] + seg.outputOffset, right, n);
        return;
    }
    auto& target = plan.channels[static_cast<size_t>(feed.target)].audio;
    const float* lane = plan.laneSend.data();
    if (constant)
    {
        feed.state->left.addDelayed(left, gain, target.getWritePointer(0), n);
        feed.state->right.addDelayed(right, gain, target.getWritePointer(1), n);
    }
    else
    {
        feed.state->left.addDelayed(left, lane, target.getWritePointer(0), n);
        feed.state->right.addDelayed(right, lane, target.getWritePointer(1), n);
    }
}

void sendFeed(RenderPlan& plan, PlanChannel& channel, PlanFeed& feed, const Segment& seg) noexcept
{
    float gain = 1.0f;
    const bool constant = feedGain(plan, feed, seg, gain);
    sendFeedWith(plan, channel, feed, seg, constant, gain);
}

/// The channel's fader (gain, pan, mute, polarity). When it holds still over the segment,
/// returns true with the left and right factors for the caller to apply; otherwise applies
/// it per sample and returns false.
bool applyMovingFader(RenderPlan& plan, PlanChannel& channel, const Segment& seg, float& faderLeft,
                      float& faderRight) noexcept
{
    const int n = seg.frames;
    auto& s = *channel.state;
    float g = 1, p = 0, m = 0, pol = 0;
    const uint32_t id = channel.id;
    using P = ipc::ChannelParam;
    const bool cg = computeLane(s.gain, channel.gainCurve, id, static_cast<uint32_t>(P::Gain), seg, plan.laneGain.data(), g);
    const bool cp = computeLane(s.pan, channel.panCurve, id, static_cast<uint32_t>(P::Pan), seg, plan.lanePan.data(), p);
    const bool cm = computeLane(s.mute, channel.muteCurve, id, static_cast<uint32_t>(P::Mute), seg, plan.laneMute.data(), m);
    const bool cq = computeLane(s.polarity, channel.polarityCurve, id, static_cast<uint32_t>(P::Polarity), seg,
                                plan.lanePolarity.data(), pol);
    float* left = channel.audio.getWritePointer(0);
    float* right = channel.audio.getWritePointer(1);
    if (cg && cp && cm && cq)
    {
        const auto pan = s.fixedPan.at(p);
        const float common = g * (1.0f - std::clamp(m, 0.0f, 1.0f)) * (1.0f - 2.0f * std::clamp(pol, 0.0f, 1.0f));
        faderLeft = common * pan.left;
        faderRight = common * pan.right;
        return true;
    }
    const auto fixedPan = cp ? s.fixedPan.at(p) : PanGains{};
    for (int i = 0; i < n; ++i)
    {
        const float gi = cg ? g : plan.laneGain[static_cast<size_t>(i)];
        const float mi = cm ? m : plan.laneMute[static_cast<size_t>(i)];
        const float qi = cq ? pol : plan.lanePolarity[static_cast<size_t>(i)];
        const auto pan = cp ? fixedPan : equalPowerPan(plan.lanePan[static_cast<size_t>(i)]);
        const float common = gi * (1.0f - std::clamp(mi, 0.0f, 1.0f)) * (1.0f - 2.0f * std::clamp(qi, 0.0f, 1.0f));
        left[i] *= common * pan.left;
        right[i] *= common * pan.right;
    }
    return false;
}

/// Where a feed with a fixed gain adds to, when it adds directly (no compensation delay
/// between): the target channel's buffers or the device outputs. Null when it cannot.
void directTargets(RenderPlan& plan, PlanFeed& feed, const Segment& seg, float* (&target)[2]) noexcept
{
    if (feed.target < 0)
    {
        if (seg.numOutputs >= 2)
            for (int c = 0; c < 2; ++c)
                target[c] = seg.outputs[c] + seg.outputOffset;
        return;
    }
    if (feed.state->left.delay() != 0 || feed.state->right.delay() != 0)
        return;
    auto& audio = plan.channels[static_cast<size_t>(feed.target)].audio;
    for (int c = 0; c < 2; ++c)
        target[c] = audio.getWritePointer(c);
}

/// Fader, meter and post-fader feeds. The usual channel (a fixed fader, one feed with a fixed
/// gain and no delay) takes them in one pass (FaderPass.h); others step by step.
void finishChannel(RenderPlan& plan, PlanChannel& channel, const Segment& seg) noexcept
{
    const int n = seg.frames;
    float faderLeft = 1.0f, faderRight = 1.0f;
    const bool fixedFader = applyMovingFader(plan, channel, seg, faderLeft, faderRight);
    float* left = channel.audio.getWritePointer(0);
    float* right = channel.audio.getWritePointer(1);
    PlanFeed* only = nullptr;
    int postFader = 0;
    for (auto& feed : channel.feeds)
        if (!feed.preFader)
        {
            only = &feed;
            ++postFader;
        }
    if (fixedFader && postFader == 1)
    {
        float gain = 1.0f;
        const bool fixedGain = feedGain(plan, *only, seg, gain);
        float* target[2] = { nullptr, nullptr };
        if (fixedGain)
            directTargets(plan, *only, seg, target);
        if (target[0] != nullptr)
        {
            const auto l = faderPass(left, faderLeft, target[0], gain, n);
            const auto r = faderPass(right, faderRight, target[1], gain, n);
            channel.state->meter.add(l, r, n);
            return;
        }
        juce::FloatVectorOperations::multiply(left, faderLeft, n);
        juce::FloatVectorOperations::multiply(right, faderRight, n);
        channel.state->meter.add(left, right, n);
        sendFeedWith(plan, channel, *only, seg, fixedGain, gain);
        return;
    }
    if (fixedFader)
    {
        juce::FloatVectorOperations::multiply(left, faderLeft, n);
        juce::FloatVectorOperations::multiply(right, faderRight, n);
    }
    channel.state->meter.add(left, right, n);
    for (auto& feed : channel.feeds)
        if (!feed.preFader)
            sendFeed(plan, channel, feed, seg);
}

} // namespace

void renderSegment(RenderPlan& plan, const Segment& seg) noexcept
{
    const int n = seg.frames;
    // A channel others add into is silenced before any of them runs; any other channel at its
    // own turn, so its buffer is still in L1 when its clips are added to it (64 buffers
    // cleared up front had left the cache by then: perf showed the mix stalling on them).
    // Cleared by pointer: channels sharing one buffer each hold their own isClear flag.
    auto clear = [n](PlanChannel& channel) {
        for (int c = 0; c < 2; ++c)
            juce::FloatVectorOperations::clear(channel.audio.getWritePointer(c), n);
    };
    for (auto& channel : plan.channels)
    {
        if (channel.fed)
            clear(channel);
        channel.midi.clear();
    }
    const TransportInfo info = transportInfo(plan, seg);

    for (auto& channel : plan.channels)
    {
        if (!channel.fed)
            clear(channel);
        if (seg.discontinuity && !channel.inserts.empty())
            for (uint8_t ch = 0; ch < 16; ++ch)
                addMidi(channel.midi, static_cast<uint8_t>(0xB0 | ch), 123, 0, 0); // all notes off
        if (seg.transport->playing)
        {
            addAudioClips(plan, channel, seg);
            addMidiClips(channel, seg);
        }
        runInserts(plan, channel, seg, info);
        for (auto& feed : channel.feeds)
            if (feed.preFader)
                sendFeed(plan, channel, feed, seg);
        finishChannel(plan, channel, seg);
    }
}

} // namespace loophole::signal
