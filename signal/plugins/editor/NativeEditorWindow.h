// A top-level JUCE window holding a plugin editor: a JUCE editor component, or an empty
// area a foreign (CLAP/X11) editor embeds itself into. Closing the window only hides it;
// the owner destroys it through PluginHost::closeEditor.
#pragma once

#include "hosting/HostedInsert.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace loophole::signal {

class NativeEditorWindow final : public juce::DocumentWindow, public EditorWindow
{
public:
    NativeEditorWindow(const juce::String& title, std::unique_ptr<juce::Component> content);

    unsigned long nativeWindow() const override;
    int width() const override { return getWidth(); }
    int height() const override { return getHeight(); }

    void closeButtonPressed() override { setVisible(false); }
};

} // namespace loophole::signal
