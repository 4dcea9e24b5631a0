// Where an LV2 plugin's sidechain inputs land in JUCE's buses. JUCE 7.0.5's LV2 host ignores
// lv2:isSideChain: with no port groups, it puts every required audio input, sidechain or not,
// into one main input bus in port order (findStableBusOrder in juce_LV2Common.h). ZamComp's
// "Sidechain Input" (port 1) so becomes channel 1 of a two-channel main bus, and a host that
// trusts the bus layout feeds it the main signal's right channel.
#pragma once

#include <string>
#include <vector>

namespace loophole::signal::juceformats {

/// The channels of JUCE's first input bus that are sidechain ports of the LV2 plugin `uri` in
/// `bundle` (sorted). Empty when there are none, or when its audio inputs use port groups
/// (JUCE then builds one bus per group, and the sidechain group is a bus of its own).
/// Message thread: reads the bundle's Turtle files with lilv (the copy JUCE builds in).
std::vector<int> lv2SidechainChannels(const std::string& bundle, const std::string& uri);

} // namespace loophole::signal::juceformats
