// The plugin formats JUCE hosts for us (VST3, LV2, LADSPA; AU on macOS, untested on Linux),
// and the translation between JUCE's plugin descriptions and our catalogue entries.
// Main (message) thread only: JUCE formats scan and instantiate there.
#pragma once

#include "loophole/ipc/events_generated.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <string>
#include <vector>

namespace loophole::signal::juceformats {

/// The shared format manager (creates JUCE plugin instances).
juce::AudioPluginFormatManager& formatManager();

/// nullptr when this build has no JUCE host for the format.
juce::AudioPluginFormat* formatFor(ipc::PluginFormat format);

/// The stable catalogue id for a plugin of a JUCE format.
std::string uniqueIdOf(ipc::PluginFormat format, const juce::PluginDescription& plugin);

/// Every plugin in one file/bundle (LV2: one bundle directory), with parameters, I/O and
/// latency read from a live instance. Loads the binary: run it in a probe process.
std::vector<ipc::PluginDescriptionT> describe(ipc::PluginFormat format, const std::string& path, std::string& error);

/// JUCE's own description of the catalogue entry, for instantiating it.
bool findJuceDescription(ipc::PluginFormat format, const std::string& path, const std::string& uid,
                         juce::PluginDescription& result, std::string& error);

} // namespace loophole::signal::juceformats
