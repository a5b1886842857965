using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.TestKit;

/// <summary>llama.cpp's kernels are chosen once per process, before the first native call: every test that touches the
/// native library first calls this, so <c>CLINICALAGENT_LLAMA_CPU</c> decides in every test run.</summary>
public static class NativeLibrary
{
    public static void ChooseBeforeFirstUse() => NativeBackend.Use(libraryPath: null);
}
