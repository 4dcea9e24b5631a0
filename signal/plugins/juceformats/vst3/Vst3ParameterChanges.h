// The VST3 parameter-change lists a host hands to IAudioProcessor::process, with every queue
// and point allocated up front: filling, reading and clearing them on the audio thread
// allocates nothing and takes no lock (JUCE 7.0.5's own lists are fine, but its path to
// them is not; see Vst3Processing.h).
#pragma once

#include <pluginterfaces/vst/ivstparameterchanges.h>

#include <array>
#include <vector>

namespace loophole::signal::juceformats {

/// One parameter's changes within a block. Owned by Vst3ParameterChanges; never ref-counted.
class Vst3ParameterQueue final : public Steinberg::Vst::IParamValueQueue
{
public:
    static constexpr int capacity = 32; // points per parameter per block; later ones are dropped

    void reset(Steinberg::Vst::ParamID id) noexcept { id_ = id; count_ = 0; }

    Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
    Steinberg::uint32 PLUGIN_API addRef() override { return 1; }
    Steinberg::uint32 PLUGIN_API release() override { return 1; }

    Steinberg::Vst::ParamID PLUGIN_API getParameterId() override { return id_; }
    Steinberg::int32 PLUGIN_API getPointCount() override { return count_; }
    Steinberg::tresult PLUGIN_API getPoint(Steinberg::int32 index, Steinberg::int32& sampleOffset,
                                           Steinberg::Vst::ParamValue& value) override;
    /// A point at the same offset as the last one replaces it (the latest value wins).
    Steinberg::tresult PLUGIN_API addPoint(Steinberg::int32 sampleOffset, Steinberg::Vst::ParamValue value,
                                           Steinberg::int32& index) override;

private:
    struct Point
    {
        Steinberg::int32 offset;
        Steinberg::Vst::ParamValue value;
    };
    Steinberg::Vst::ParamID id_ = 0;
    Steinberg::int32 count_ = 0;
    std::array<Point, capacity> points_ {};
};

/// A block's changes, one queue per changed parameter, at most `parameterCount` queues.
class Vst3ParameterChanges final : public Steinberg::Vst::IParameterChanges
{
public:
    /// Off the audio thread: room for every parameter of the plugin.
    void reserve(size_t parameterCount) { queues_.resize(parameterCount); used_ = 0; }
    void clear() noexcept { used_ = 0; }

    Steinberg::tresult PLUGIN_API queryInterface(const Steinberg::TUID iid, void** obj) override;
    Steinberg::uint32 PLUGIN_API addRef() override { return 1; }
    Steinberg::uint32 PLUGIN_API release() override { return 1; }

    Steinberg::int32 PLUGIN_API getParameterCount() override { return used_; }
    Steinberg::Vst::IParamValueQueue* PLUGIN_API getParameterData(Steinberg::int32 index) override;
    /// The parameter's queue (a new one if it has none yet); nullptr when all are in use.
    Steinberg::Vst::IParamValueQueue* PLUGIN_API addParameterData(const Steinberg::Vst::ParamID& id,
                                                                  Steinberg::int32& index) override;

private:
    std::vector<Vst3ParameterQueue> queues_;
    Steinberg::int32 used_ = 0;
};

} // namespace loophole::signal::juceformats
