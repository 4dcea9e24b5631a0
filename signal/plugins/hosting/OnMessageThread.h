// Runs work on the JUCE message thread (JUCE formats instantiate and show editors only
// there) and waits for it. Runs inline when already there or when no message loop exists.
#pragma once

#include <juce_events/juce_events.h>

#include <functional>

namespace loophole::signal {

/// Returns what `work` returned; false when the message loop refused the task.
inline bool onMessageThread(const std::function<bool()>& work)
{
    auto* mm = juce::MessageManager::getInstanceWithoutCreating();
    if (mm == nullptr || mm->isThisTheMessageThread())
        return work();
    auto done = std::make_shared<juce::WaitableEvent>();
    auto result = std::make_shared<bool>(false);
    auto task = std::make_shared<std::function<bool()>>(work);
    if (! juce::MessageManager::callAsync([done, result, task] { *result = (*task)(); done->signal(); }))
        return false;
    // The work refers to the caller's stack, so the caller cannot give up before it ran.
    done->wait(-1);
    return *result;
}

} // namespace loophole::signal
