using ClinicalAgent.Agent.Runtime.Local;
using LLama.Native;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests;

[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class PackageSmokeTests
{
    /// <summary>Both CI runs of the tiny-model tests check here that they got the kernels they asked for.</summary>
    [Fact]
    public void NativeBackend_CpuKernelsSetting_LoadsThatBuild()
    {
        ClinicalAgent.TestKit.NativeLibrary.ChooseBeforeFirstUse();
        using var fixture = new TinyModelFixture();

        var info = NativeBackend.SystemInfo();

        Assert.Contains("CPU", info);
        switch (Environment.GetEnvironmentVariable(NativeBackend.CpuKernelsVariable))
        {
            case "noavx":
                Assert.DoesNotContain("AVX = 1", info);
                Assert.DoesNotContain("AVX2 = 1", info);
                break;
            case "avx":
                Assert.Contains("AVX = 1", info);
                Assert.DoesNotContain("AVX2 = 1", info);
                break;
            case "avx2":
                Assert.Contains("AVX2 = 1", info);
                break;
            case null or "" or "auto" when System.Runtime.Intrinsics.X86.Avx2.IsSupported:
                Assert.Contains("AVX2 = 1", info);
                break;
        }
    }

    [Fact]
    public void NativeLibrary_CpuBackend_LoadsLlamaCpp()
    {
        ClinicalAgent.TestKit.NativeLibrary.ChooseBeforeFirstUse();
        var info = NativeLibraryConfig.LLama.DryRun(out var loaded);

        Assert.True(info, "llama.cpp's native library did not load from LLamaSharp.Backend.Cpu");
        Assert.NotNull(loaded);
    }
}
