// What every hosted plugin (any format) shares: the output guard around the format's own
// processing, a sticky fault status, its catalogue entry and an optional native editor.
#pragma once

#include "rt/graph/InsertProcessor.h"
#include "loophole/ipc/events_generated.h"

#include <atomic>
#include <memory>
#include <string>

namespace juce { class Component; }

namespace loophole::signal {

/// A plugin's editor, already shown in its own top-level window; closing = destroying it.
class EditorWindow
{
public:
    virtual ~EditorWindow() = default;
    /// The native window (X11 Window id on Linux), for screenshots and tests.
    virtual unsigned long nativeWindow() const = 0;
    virtual int width() const = 0;
    virtual int height() const = 0;
};

class HostedInsert : public InsertProcessor
{
public:
    explicit HostedInsert(ipc::PluginDescriptionT description) : description_(std::move(description)) {}

    void process(InsertContext& context) noexcept final;
    InsertStatus status() const noexcept override { return status_.load(std::memory_order_relaxed); }

    /// Forgets a BadOutput fault; called by a reload (never from the audio thread).
    void clearFault() noexcept { status_.store(InsertStatus::Ok, std::memory_order_relaxed); }

    const ipc::PluginDescriptionT& description() const noexcept { return description_; }

    /// Message thread only. nullptr with `error` set when the plugin has no editor.
    virtual std::unique_ptr<EditorWindow> openEditor(std::string& error) = 0;

protected:
    /// The format's processing: in place on context.audio, real-time safe.
    virtual void processHosted(InsertContext& context) noexcept = 0;

private:
    ipc::PluginDescriptionT description_;
    std::atomic<InsertStatus> status_ { InsertStatus::Ok };
};

} // namespace loophole::signal
