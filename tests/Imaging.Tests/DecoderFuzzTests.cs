using System.Diagnostics;
using CsCheck;

namespace ClinicalAgent.Imaging.Tests;

/// <summary>
/// Mutated images (bytes overwritten, lengths set to 0xFFFFFFFF or random, cut short, spans removed) must decode to
/// pixels or fail with <see cref="ImageDecodeException"/>, each quickly: never another exception, a crash or a hang.
/// </summary>
public sealed class DecoderFuzzTests(FuzzSeeds seeds) : IClassFixture<FuzzSeeds>
{
    // Generous for tiny seeds on a busy 2-core machine; a hang or a quadratic path takes far longer.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public void Decode_OfMutatedDicom_GivesPixelsOrADecodeError()
    {
        var outcomes = Fuzz(seeds.Dicom, iterations: 3000);

        Assert.True(outcomes.Errors > 0, "no mutation was rejected: the mutator does nothing");
    }

    [Fact]
    public void Decode_OfMutatedPngAndJpeg_GivesPixelsOrADecodeError()
    {
        var outcomes = Fuzz(seeds.Raster, iterations: 1000);

        Assert.True(outcomes.Errors > 0, "no mutation was rejected: the mutator does nothing");
    }

    private static (int Decoded, int Errors) Fuzz(IReadOnlyList<byte[]> inputs, int iterations)
    {
        var decoded = 0;
        var errors = 0;
        var mutation = Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.UInt);
        var gen = Gen.Select(Gen.Int[0, inputs.Count - 1], mutation.Array[1, 6], (i, m) => (Input: i, Mutations: m));
        gen.Sample(
            sample =>
            {
                var bytes = Mutate(inputs[sample.Input], sample.Mutations);
                var clock = Stopwatch.StartNew();
                try
                {
                    var pixels = MedicalImageDecoder.Decode(bytes);
                    Assert.Equal(pixels.Width * pixels.Height * 3, pixels.Rgb24.Length);
                    Interlocked.Increment(ref decoded);
                }
                catch (ImageDecodeException e)
                {
                    Assert.DoesNotContain('\n', e.Message);
                    Interlocked.Increment(ref errors);
                }

                Assert.True(clock.Elapsed < Bound, $"decoding took {clock.Elapsed.TotalSeconds:F1} s");
            },
            iter: iterations,
            threads: 1);
        return (decoded, errors);
    }

    private static byte[] Mutate(byte[] input, (int Kind, int Position, uint Value)[] mutations)
    {
        var bytes = (byte[])input.Clone();
        foreach (var (kind, position, value) in mutations)
        {
            if (bytes.Length < 8)
                break;
            var at = position % (bytes.Length - 4);
            switch (kind)
            {
                case 0:
                    bytes[at] = (byte)value;
                    break;
                case 1:
                    BitConverter.TryWriteBytes(bytes.AsSpan(at), 0xFFFFFFFFu);
                    break;
                case 2:
                    BitConverter.TryWriteBytes(bytes.AsSpan(at), value);
                    break;
                case 3:
                    bytes = bytes[..at];
                    break;
                default:
                    bytes = [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + (int)(value % 64))..]];
                    break;
            }
        }

        return bytes;
    }
}
