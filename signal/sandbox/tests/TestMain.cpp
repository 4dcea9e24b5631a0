// gtest main with JUCE's message manager on the main thread, as in-engine plugins need it
// (the tests compare sandboxed plugins with the same plugins hosted in this process).
#include <gtest/gtest.h>
#include <juce_events/juce_events.h>

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    const juce::ScopedJuceInitialiser_GUI juce;
    return RUN_ALL_TESTS();
}
