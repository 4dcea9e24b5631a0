// A fixed-capacity CLAP input event list, filled and read on the audio thread without
// allocation. Events are appended in time order (the caller merges its sources).
#pragma once

#include "clap/abi/Events.h"

#include <array>
#include <cstddef>
#include <cstring>
#include <vector>

namespace loophole::signal::clapformat {

class ClapEventList
{
public:
    /// Off the audio thread: room for `maxEvents` events of any kind.
    void reserve(size_t maxEvents)
    {
        storage_.assign(maxEvents, Slot {});
        vtable_.ctx = this;
        vtable_.size = [](const clap::InputEvents* list) -> uint32_t {
            return static_cast<const ClapEventList*>(list->ctx)->count_;
        };
        vtable_.get = [](const clap::InputEvents* list, uint32_t index) -> const clap::EventHeader* {
            auto* self = static_cast<const ClapEventList*>(list->ctx);
            return index < self->count_ ? &self->storage_[index].header : nullptr;
        };
    }

    void clear() noexcept { count_ = 0; }
    uint32_t size() const noexcept { return count_; }

    /// Copies the event in; false (event dropped) when the list is full.
    template <typename Event>
    bool push(const Event& event) noexcept
    {
        static_assert(sizeof(Event) <= sizeof(Slot));
        if (count_ >= storage_.size())
            return false;
        std::memcpy(&storage_[count_++], &event, sizeof(Event));
        return true;
    }

    const clap::InputEvents* vtable() const noexcept { return &vtable_; }

private:
    union Slot {
        clap::EventHeader header;
        clap::NoteEvent note;
        clap::ParamValueEvent param;
        clap::MidiEvent midi;
    };
    std::vector<Slot> storage_;
    uint32_t count_ = 0;
    clap::InputEvents vtable_ {};
};

} // namespace loophole::signal::clapformat
