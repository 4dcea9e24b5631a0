// A clip's file descriptor reads where it is asked and notices, without a path lookup, when
// its file is deleted or cut short under it (the clip then plays silence), but not when a
// new file is saved over its name (it still reads the audio the clip was loaded with).
#include "content/SourceFile.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

using namespace loophole::signal;

namespace {

juce::File freshFile(const juce::String& name, int bytes)
{
    auto dir = juce::File::getSpecialLocation(juce::File::tempDirectory).getChildFile("loophole-source-file");
    dir.createDirectory();
    auto file = dir.getChildFile(name + "-" + juce::String(::getpid()));
    file.deleteFile();
    juce::MemoryBlock data(static_cast<size_t>(bytes));
    for (int i = 0; i < bytes; ++i)
        static_cast<uint8_t*>(data.getData())[i] = static_cast<uint8_t>(i * 7);
    EXPECT_TRUE(file.replaceWithData(data.getData(), data.getSize()));
    return file;
}

} // namespace

TEST(SourceFile, ReadsAtAnOffsetAndShortAtTheEnd)
{
    const auto file = freshFile("read", 1000);
    auto source = SourceFile::open(file);
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(source->sizeAtOpen(), 1000);
    uint8_t bytes[100] = {};
    ASSERT_EQ(source->readAt(500, bytes, 100), 100);
    EXPECT_EQ(bytes[0], static_cast<uint8_t>(500 * 7));
    EXPECT_EQ(bytes[99], static_cast<uint8_t>(599 * 7));
    EXPECT_EQ(source->readAt(950, bytes, 100), 50) << "50 bytes are left after 950";
    EXPECT_EQ(source->readAt(2000, bytes, 100), 0);
    file.deleteFile();
}

TEST(SourceFile, NoticesDeletionAndTruncationButNotGrowthOrReplacement)
{
    {
        const auto file = freshFile("grown", 1000);
        auto source = SourceFile::open(file);
        ASSERT_NE(source, nullptr);
        EXPECT_FALSE(source->damaged());
        ASSERT_TRUE(file.appendData("more", 4));
        EXPECT_FALSE(source->damaged()) << "a file that grew still holds everything the clip plays";
        file.deleteFile();
    }
    {
        const auto file = freshFile("truncated", 1000);
        auto source = SourceFile::open(file);
        std::filesystem::resize_file(file.getFullPathName().toStdString(), 999);
        EXPECT_TRUE(source->damaged());
        file.deleteFile();
    }
    {
        const auto file = freshFile("deleted", 1000);
        auto source = SourceFile::open(file);
        ASSERT_TRUE(file.deleteFile());
        EXPECT_TRUE(source->damaged());
    }
    {
        // Saved over by renaming a new file onto its name: this descriptor still reads the
        // old audio, all of it, so the clip plays on as it was loaded.
        const auto file = freshFile("replaced", 1000);
        const auto other = freshFile("replacement", 10);
        auto source = SourceFile::open(file);
        ASSERT_TRUE(other.moveFileTo(file));
        EXPECT_FALSE(source->damaged());
        uint8_t byte = 0;
        EXPECT_EQ(source->readAt(999, &byte, 1), 1);
        EXPECT_EQ(byte, static_cast<uint8_t>(999 * 7));
        ASSERT_TRUE(file.deleteFile());
        EXPECT_TRUE(source->damaged()) << "and then deleted";
    }
}

TEST(SourceFile, RefusesWhatIsNotARegularFileWithoutBlocking)
{
    const auto fifo = std::filesystem::temp_directory_path() / ("loophole-source-fifo-" + std::to_string(::getpid()));
    std::filesystem::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto opening = std::async(std::launch::async, [&] { return SourceFile::open(juce::File(fifo.string())); });
    const bool returned = opening.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    std::filesystem::remove(fifo);
    ASSERT_TRUE(returned) << "opening a FIFO blocked";
    EXPECT_EQ(opening.get(), nullptr);
    EXPECT_EQ(SourceFile::open(juce::File::getSpecialLocation(juce::File::tempDirectory)), nullptr);
    EXPECT_EQ(SourceFile::open(juce::File("/nonexistent/loophole/file.wav")), nullptr);
}
