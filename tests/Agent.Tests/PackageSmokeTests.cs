using LLama.Native;

namespace ClinicalAgent.Agent.Tests;

public sealed class PackageSmokeTests
{
    [Fact]
    public void NativeLibrary_CpuBackend_LoadsLlamaCpp()
    {
        var info = NativeLibraryConfig.LLama.DryRun(out var loaded);

        Assert.True(info, "llama.cpp's native library did not load from LLamaSharp.Backend.Cpu");
        Assert.NotNull(loaded);
    }
}
