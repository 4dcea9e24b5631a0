#include "Vst3ParameterChanges.h"

namespace loophole::signal::juceformats {

using namespace Steinberg;

tresult PLUGIN_API Vst3ParameterQueue::queryInterface(const TUID iid, void** obj)
{
    QUERY_INTERFACE(iid, obj, FUnknown::iid, Vst::IParamValueQueue)
    QUERY_INTERFACE(iid, obj, Vst::IParamValueQueue::iid, Vst::IParamValueQueue)
    *obj = nullptr;
    return kNoInterface;
}

tresult PLUGIN_API Vst3ParameterQueue::getPoint(int32 index, int32& sampleOffset, Vst::ParamValue& value)
{
    if (index < 0 || index >= count_)
        return kResultFalse;
    sampleOffset = points_[static_cast<size_t>(index)].offset;
    value = points_[static_cast<size_t>(index)].value;
    return kResultOk;
}

tresult PLUGIN_API Vst3ParameterQueue::addPoint(int32 sampleOffset, Vst::ParamValue value, int32& index)
{
    if (count_ > 0 && points_[static_cast<size_t>(count_ - 1)].offset == sampleOffset)
    {
        points_[static_cast<size_t>(count_ - 1)].value = value;
        index = count_ - 1;
        return kResultOk;
    }
    if (count_ == capacity)
        return kResultFalse;
    points_[static_cast<size_t>(count_)] = { sampleOffset, value };
    index = count_++;
    return kResultOk;
}

tresult PLUGIN_API Vst3ParameterChanges::queryInterface(const TUID iid, void** obj)
{
    QUERY_INTERFACE(iid, obj, FUnknown::iid, Vst::IParameterChanges)
    QUERY_INTERFACE(iid, obj, Vst::IParameterChanges::iid, Vst::IParameterChanges)
    *obj = nullptr;
    return kNoInterface;
}

Vst::IParamValueQueue* PLUGIN_API Vst3ParameterChanges::getParameterData(int32 index)
{
    return index >= 0 && index < used_ ? &queues_[static_cast<size_t>(index)] : nullptr;
}

Vst::IParamValueQueue* PLUGIN_API Vst3ParameterChanges::addParameterData(const Vst::ParamID& id, int32& index)
{
    for (int32 i = 0; i < used_; ++i) // bounded by the plugin's parameter count
        if (queues_[static_cast<size_t>(i)].getParameterId() == id)
        {
            index = i;
            return &queues_[static_cast<size_t>(i)];
        }
    if (static_cast<size_t>(used_) == queues_.size())
        return nullptr;
    index = used_;
    auto& queue = queues_[static_cast<size_t>(used_++)];
    queue.reset(id);
    return &queue;
}

} // namespace loophole::signal::juceformats
