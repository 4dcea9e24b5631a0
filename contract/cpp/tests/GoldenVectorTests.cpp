// The golden vectors in chorus/ipc/golden are encoded frames shared by every language.
// Each is decoded, checked against its JSON twin, re-encoded and decoded again.
#include "loophole/contract/Framing.h"

#include <flatbuffers/idl.h>
#include <flatbuffers/util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace loophole;

namespace {

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), {} };
}

/// Renders a Frame payload as canonical JSON text through the schema itself.
class SchemaPrinter
{
public:
    SchemaPrinter()
    {
        const std::string schema = readFile(fs::path(LOOPHOLE_SCHEMA_DIR) / "frame.fbs");
        const char* includes[] = { LOOPHOLE_SCHEMA_DIR, nullptr };
        parser.opts.strict_json = true;
        ok = parser.Parse(schema.c_str(), includes, "frame.fbs");
    }

    std::string textOf(const uint8_t* payload)
    {
        std::string text;
        GenerateText(parser, payload, &text);
        return text;
    }

    std::string textOfJson(const std::string& json)
    {
        if (! parser.ParseJson(json.c_str()))
            return "unparseable: " + parser.error_;
        return textOf(parser.builder_.GetBufferPointer());
    }

    flatbuffers::Parser parser;
    bool ok = false;
};

std::vector<fs::path> goldenFrames()
{
    std::vector<fs::path> paths;
    for (auto& entry : fs::directory_iterator(LOOPHOLE_GOLDEN_DIR))
        if (entry.path().extension() == ".bin")
            paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    return paths;
}


} // namespace

TEST(GoldenVectors, EveryVectorDecodesReencodesAndMatchesItsJson)
{
    SchemaPrinter printer;
    ASSERT_TRUE(printer.ok) << printer.parser.error_;
    const auto frames = goldenFrames();
    ASSERT_GE(frames.size(), 8u);

    for (const auto& path : frames) {
        SCOPED_TRACE(path.filename().string());
        const std::string raw = readFile(path);
        contract::FrameReader reader;
        reader.append({ reinterpret_cast<const uint8_t*>(raw.data()), raw.size() });
        std::string error;
        auto wire = reader.next(error);
        ASSERT_TRUE(wire.has_value()) << error;
        EXPECT_EQ(reader.bufferedBytes(), 0u);

        const ipc::Frame* frame = contract::verifyFrame(*wire, error);
        ASSERT_NE(frame, nullptr) << error;

        std::unique_ptr<ipc::FrameT> decoded(frame->UnPack());
        const auto reencoded = contract::encodeFrame(*decoded);
        ASSERT_NE(contract::verifyFrame(reencoded, error), nullptr) << error;

        auto jsonPath = path;
        jsonPath.replace_extension(".json");
        const std::string expected = printer.textOfJson(readFile(jsonPath));
        EXPECT_EQ(printer.textOf(wire->data() + 4), expected);
        EXPECT_EQ(printer.textOf(reencoded.data() + 4), expected);
    }
}

TEST(GoldenVectors, LoadGraphCarriesTheFieldsPulseSends)
{
    const std::string raw = readFile(fs::path(LOOPHOLE_GOLDEN_DIR) / "load-graph.bin");
    std::string error;
    const std::vector<uint8_t> wire(raw.begin(), raw.end());
    const ipc::Frame* frame = contract::verifyFrame(wire, error);
    ASSERT_NE(frame, nullptr) << error;

    const auto* graph = frame->body_as_LoadGraph()->snapshot();
    ASSERT_EQ(graph->channels()->size(), 4u);
    const auto* drums = graph->channels()->Get(2);
    EXPECT_EQ(drums->name()->str(), "Drums");
    EXPECT_FLOAT_EQ(drums->pan(), -0.25f);
    EXPECT_TRUE(drums->polarity_invert());
    EXPECT_EQ(drums->audio_clips()->Get(0)->source_offset(), 4800);
    EXPECT_EQ(drums->audio_clips()->Get(0)->fade_out_shape(), ipc::FadeShape::EqualPower);
    EXPECT_EQ(drums->automation()->Get(0)->points()->Get(1)->shape(), ipc::CurveShape::Tension);
    EXPECT_EQ(graph->tempo_map()->Get(1)->beats_per_bar(), 3);
    const auto* lead = graph->channels()->Get(3);
    EXPECT_EQ(lead->processors()->Get(1)->sidechain_from(), 3u);
    EXPECT_EQ(lead->midi_clips()->Get(0)->events()->Get(2)->status(), 224);
}
