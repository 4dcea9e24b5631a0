// An audio file's JUCE reader over a buffered stream. JUCE's readers parse a header a field
// at a time and AudioFormatManager hands them a bare FileInputStream, where every field is a
// system call: opening 64 clips made that a fifth of loading a graph (perf). Picks the
// format by the file's extension, as AudioFormatManager::createReaderFor(File) does.
#pragma once

#include <juce_audio_formats/juce_audio_formats.h>

#include <memory>

namespace loophole::signal {

std::unique_ptr<juce::AudioFormatReader> openBufferedReader(juce::AudioFormatManager& formats, const juce::File& file);

} // namespace loophole::signal
