#include "telemetry/TelemetryMerge.h"

#include <gtest/gtest.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;

TEST(TelemetryMerge, KeepsTheLoudestMeterAndTheLatestClock)
{
    ipc::TelemetryT older;
    older.engine_sample = 100;
    older.dsp_load = 0.5f;
    older.callback_peak_load = 1.4f;
    older.callback_overruns = 1;
    older.meters = { ipc::Meter(7, 0.9f, 0.1f, 0.5f, 0.05f) };

    ipc::TelemetryT newer;
    newer.engine_sample = 200;
    newer.dsp_load = 0.2f;
    newer.xruns = 3;
    newer.callback_peak_load = 0.3f;
    newer.callback_overruns = 2;
    newer.transport = std::make_unique<ipc::TransportState>(true, false, 4800);
    newer.meters = { ipc::Meter(7, 0.2f, 0.3f, 0.1f, 0.2f), ipc::Meter(8, 0.4f, 0.4f, 0.3f, 0.3f) };

    mergeTelemetry(older, newer);
    EXPECT_EQ(older.engine_sample, 200);
    EXPECT_EQ(older.dsp_load, 0.5f);
    EXPECT_EQ(older.xruns, 3u);
    EXPECT_EQ(older.callback_peak_load, 1.4f) << "the longest callback of the merged frames";
    EXPECT_EQ(older.callback_overruns, 2u);
    ASSERT_TRUE(older.transport);
    EXPECT_EQ(older.transport->position(), 4800);
    ASSERT_EQ(older.meters.size(), 2u);
    EXPECT_EQ(older.meters[0].peak_left(), 0.9f);
    EXPECT_EQ(older.meters[0].peak_right(), 0.3f);
    EXPECT_EQ(older.meters[0].rms_right(), 0.2f);
    EXPECT_EQ(older.meters[1].node(), 8u);
}
