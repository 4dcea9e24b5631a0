// A VST3 event list with a fixed capacity, reserved off the audio thread, and the
// translation of a block's MIDI into it: notes and poly pressure become VST3 events,
// controllers, channel pressure and pitch bend go to the parameters the plugin maps them to
// (IMidiMapping), as VST3 asks hosts to do.
#pragma once

#include "Vst3ParameterChanges.h"

#include <pluginterfaces/vst/ivsteditcontroller.h>
#include <pluginterfaces/vst/ivstevents.h>
#include <pluginterfaces/vst/ivstmidicontrollers.h>

#include <juce_audio_basics/juce_audio_basics.h>

#include <vector>

namespace loophole::signal::juceformats {

class Vst3EventList final : public Steinberg::Vst::IEventList
{
public:
    /// Off the audio thread. Events beyond `capacity` in one block are dropped.
    void reserve(size_t capacity) { events_.resize(capacity); count_ = 0; }
    void clear() noexcept { count_ = 0; }

    Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
    Steinberg::uint32 PLUGIN_API addRef() override { return 1; }
    Steinberg::uint32 PLUGIN_API release() override { return 1; }

    Steinberg::int32 PLUGIN_API getEventCount() override { return count_; }
    Steinberg::tresult PLUGIN_API getEvent(Steinberg::int32 index, Steinberg::Vst::Event& e) override;
    Steinberg::tresult PLUGIN_API addEvent(Steinberg::Vst::Event& e) override;

private:
    std::vector<Steinberg::Vst::Event> events_;
    Steinberg::int32 count_ = 0;
};

/// For each MIDI channel and controller (0..127, then after touch and pitch bend), the
/// parameter the plugin maps it to, or kNoParamId. Read once on the message thread.
class Vst3MidiMapping
{
public:
    void read(Steinberg::Vst::IMidiMapping* mapping);
    Steinberg::Vst::ParamID parameterFor(int channel, int controller) const noexcept
    {
        return ids_[static_cast<size_t>(channel * Steinberg::Vst::kCountCtrlNumber + controller)];
    }

private:
    std::vector<Steinberg::Vst::ParamID> ids_ =
        std::vector<Steinberg::Vst::ParamID>(16 * Steinberg::Vst::kCountCtrlNumber, Steinberg::Vst::kNoParamId);
};

/// Audio thread: appends `midi` (offsets relative to this block) to `events` and `parameters`.
void translateMidi(const juce::MidiBuffer& midi, const Vst3MidiMapping& mapping, Vst3EventList& events,
                   Vst3ParameterChanges& parameters) noexcept;

} // namespace loophole::signal::juceformats
