#include "Vst3EventList.h"

namespace loophole::signal::juceformats {

using namespace Steinberg;

tresult PLUGIN_API Vst3EventList::queryInterface(const TUID iid, void** obj)
{
    QUERY_INTERFACE(iid, obj, FUnknown::iid, Vst::IEventList)
    QUERY_INTERFACE(iid, obj, Vst::IEventList::iid, Vst::IEventList)
    *obj = nullptr;
    return kNoInterface;
}

tresult PLUGIN_API Vst3EventList::getEvent(int32 index, Vst::Event& e)
{
    if (index < 0 || index >= count_)
        return kResultFalse;
    e = events_[static_cast<size_t>(index)];
    return kResultOk;
}

tresult PLUGIN_API Vst3EventList::addEvent(Vst::Event& e)
{
    if (static_cast<size_t>(count_) == events_.size())
        return kResultFalse;
    events_[static_cast<size_t>(count_++)] = e;
    return kResultOk;
}

void Vst3MidiMapping::read(Vst::IMidiMapping* mapping)
{
    if (mapping == nullptr)
        return;
    for (int16 channel = 0; channel < 16; ++channel)
        for (Vst::CtrlNumber controller = 0; controller < Vst::kCountCtrlNumber; ++controller)
        {
            Vst::ParamID id = Vst::kNoParamId;
            if (mapping->getMidiControllerAssignment(0, channel, controller, id) == kResultTrue)
                ids_[static_cast<size_t>(channel * Vst::kCountCtrlNumber + controller)] = id;
        }
}

namespace {

Vst::Event noteEvent(int offset, uint8_t status, uint8_t data1, uint8_t data2)
{
    Vst::Event e {};
    e.busIndex = 0;
    e.sampleOffset = offset;
    const auto channel = static_cast<int16>(status & 0x0f);
    const float amount = static_cast<float>(data2) / 127.0f;
    switch (status & 0xf0)
    {
        case 0x90:
            if (data2 > 0)
            {
                e.type = Vst::Event::kNoteOnEvent;
                e.noteOn = { channel, static_cast<int16>(data1), 0.0f, amount, 0, -1 };
                break;
            }
            [[fallthrough]]; // note on with velocity 0 is a note off
        case 0x80:
            e.type = Vst::Event::kNoteOffEvent;
            e.noteOff = { channel, static_cast<int16>(data1), amount, -1, 0.0f };
            break;
        default: // 0xa0
            e.type = Vst::Event::kPolyPressureEvent;
            e.polyPressure = { channel, static_cast<int16>(data1), amount, -1 };
            break;
    }
    return e;
}

} // namespace

void translateMidi(const juce::MidiBuffer& midi, const Vst3MidiMapping& mapping, Vst3EventList& events,
                   Vst3ParameterChanges& parameters) noexcept
{
    for (const auto metadata : midi)
    {
        if (metadata.numBytes < 2)
            continue;
        const uint8_t status = metadata.data[0];
        const uint8_t data1 = metadata.data[1];
        const uint8_t data2 = metadata.numBytes > 2 ? metadata.data[2] : 0;
        const int channel = status & 0x0f;
        Vst::CtrlNumber controller = -1;
        double value = 0.0;
        switch (status & 0xf0)
        {
            case 0x80: case 0x90: case 0xa0:
            {
                auto e = noteEvent(metadata.samplePosition, status, data1, data2);
                events.addEvent(e);
                continue;
            }
            case 0xb0: controller = data1; value = data2 / 127.0; break;
            case 0xd0: controller = Vst::kAfterTouch; value = data1 / 127.0; break;
            case 0xe0: controller = Vst::kPitchBend; value = ((data2 << 7) | data1) / 16383.0; break;
            default: continue; // program changes, sysex and clock have no VST3 equivalent here
        }
        const auto id = mapping.parameterFor(channel, controller);
        if (id == Vst::kNoParamId)
            continue;
        int32 index = 0;
        if (auto* queue = parameters.addParameterData(id, index))
            queue->addPoint(metadata.samplePosition, value, index);
    }
}

} // namespace loophole::signal::juceformats
