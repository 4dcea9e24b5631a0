// The plugin catalogue as JSON: what `loophole-plugin-scan --json` prints, what probe
// processes hand back, and what the scan cache stores. Field names follow chorus/ipc.
#pragma once

#include "loophole/ipc/events_generated.h"

#include <juce_core/juce_core.h>

#include <optional>
#include <string>
#include <vector>

namespace loophole::signal {

juce::var toJson(const ipc::PluginDescriptionT& plugin);
juce::var toJson(const std::vector<ipc::PluginDescriptionT>& plugins);

/// nullopt when the value is not a plugin description (missing uid, name or format).
std::optional<ipc::PluginDescriptionT> pluginFromJson(const juce::var& json);
std::vector<ipc::PluginDescriptionT> pluginsFromJson(const juce::var& array);

std::string formatName(ipc::PluginFormat format);
ipc::PluginFormat formatFromName(const std::string& name); // None when unknown

ipc::PluginDescriptionT copyOf(const ipc::PluginDescriptionT& plugin);

} // namespace loophole::signal
