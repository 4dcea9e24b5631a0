// Where decoded stereo frames go: stored as they are, or added to what is there times a
// gain. Adding computes dest + sample * gain, the operations and order of JUCE's
// FloatVectorOperations::addWithMultiply, so decoding straight into a mix gives the same
// floats as decoding into a buffer first and adding that (one pass over the audio instead
// of three: an offline render decodes every clip this way).
#pragma once

namespace loophole::signal {

struct FrameSink
{
    float* left;
    float* right;
    float gain = 1.0f;
    bool add = false;

    FrameSink after(int frames) const noexcept { return { left + frames, right + frames, gain, add }; }

    void put(int i, float l, float r) const noexcept
    {
        if (add)
        {
            left[i] += l * gain;
            right[i] += r * gain;
        }
        else
        {
            left[i] = l;
            right[i] = r;
        }
    }

    /// n decoded frames from two arrays, stored or added as put() does one.
    void take(const float* l, const float* r, int n) const noexcept
    {
        for (int i = 0; i < n; ++i)
            put(i, l[i], r[i]);
    }

    /// Silence over n frames: zeros stored, or zeros times the gain added (which still turns
    /// a -0 into +0, as adding a silent buffer would).
    void silence(int n) const noexcept
    {
        for (int i = 0; i < n; ++i)
            put(i, 0.0f, 0.0f);
    }
};

} // namespace loophole::signal
