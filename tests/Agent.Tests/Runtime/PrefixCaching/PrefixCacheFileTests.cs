using ClinicalAgent.Agent.Runtime.Local.PrefixCaching;
using LLama.Native;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Agent.Tests.Runtime.PrefixCaching;

/// <summary>The cache file's format and folder without a model: states are plain bytes here.</summary>
public sealed class PrefixCacheFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-prefix-file-").FullName;
    private readonly PrefixCacheKey _key = new("model=sha256:00;context=512", [(LLamaToken)2, (LLamaToken)105, (LLamaToken)2364]);

    [Fact]
    public unsafe void Open_WrittenFile_GivesTheStateBack()
    {
        var path = Write(_key, [1, 2, 3, 4, 5]);

        using var entry = PrefixCacheFile.Open(path, _key, out var problem);

        Assert.Null(problem);
        Assert.NotNull(entry);
        Assert.Equal(5, entry.StateLength);
        Assert.Equal([1, 2, 3, 4, 5], new ReadOnlySpan<byte>(entry.Start + new FileInfo(path).Length - 32 - 5, 5).ToArray());
    }

    [Fact]
    public void Open_NoFile_IsAMissWithoutProblem()
    {
        var entry = PrefixCacheFile.Open(Path.Combine(_folder, _key.FileName), _key, out var problem);

        Assert.Null(entry);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("model=sha256:11;context=512", 3, "made for another model file")]
    [InlineData("model=sha256:00;context=512", 5, "holds another prefix")]
    public void Open_FileOfAnotherKey_NamesWhatDiffers(string settings, int lastToken, string expected)
    {
        var other = new PrefixCacheKey(settings, [(LLamaToken)2, (LLamaToken)105, (LLamaToken)(2360 + lastToken)]);
        var path = Write(other, [9, 9, 9]);

        var entry = PrefixCacheFile.Open(path, _key, out var problem);

        Assert.Null(entry);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void Key_TokensOrSettingsDiffer_NamesAnotherFile()
    {
        var tokens = new PrefixCacheKey(_key.Settings, [.. _key.Tokens, (LLamaToken)1]);
        var settings = _key with { Settings = _key.Settings + ";batch=256" };

        Assert.NotEqual(_key.FileName, tokens.FileName);
        Assert.NotEqual(_key.FileName, settings.FileName);
        Assert.Equal(_key.FileName, new PrefixCacheKey(_key.Settings, [.. _key.Tokens]).FileName);
    }

    /// <summary>Writers replace the file again and again while a reader opens it: the reader sees whole files only.</summary>
    [Fact]
    public async Task Write_ConcurrentWritersAndReader_ReaderNeverSeesHalfAFile()
    {
        var path = Path.Combine(_folder, _key.FileName);
        using var stop = new CancellationTokenSource();
        var problems = new List<string>();
        var opened = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var entry = PrefixCacheFile.Open(path, _key, out var problem);
                if (problem is not null)
                    problems.Add(problem);
                if (entry is not null)
                    opened++;
            }
        });

        var writers = Enumerable.Range(1, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 15; i++)
            {
                using var state = SequenceSnapshot.Copy(Enumerable.Repeat((byte)w, (1 << 20) + (w * 4096) + i).ToArray());
                PrefixCacheFile.Write(path, _key, state);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        while (opened == 0)
            await Task.Yield();
        await stop.CancelAsync();
        await reader;

        Assert.Empty(problems);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Prune_OverTheBound_RemovesLeastRecentlyUsedAndAbandonedTemporaries()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var paths = Enumerable.Range(0, 4).Select(i => Write(_key with { Settings = $"s{i}" }, new byte[1000])).ToList();
        for (var i = 0; i < paths.Count; i++)
            File.SetLastWriteTimeUtc(paths[i], time.GetUtcNow().UtcDateTime.AddMinutes(i - 10));
        var abandoned = paths[0] + ".12.ab.tmp";
        var fresh = paths[1] + ".13.cd.tmp";
        File.WriteAllText(abandoned, "");
        File.WriteAllText(fresh, "");
        File.SetLastWriteTimeUtc(abandoned, time.GetUtcNow().UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(fresh, time.GetUtcNow().UtcDateTime);
        var size = new FileInfo(paths[0]).Length;

        var removed = PrefixCacheFolder.Prune(_folder, (2 * size) + 10, keep: paths[0], time);

        Assert.Equal([Path.GetFileName(paths[1])], removed);
        Assert.True(File.Exists(paths[0]), "the file just written is kept");
        Assert.True(File.Exists(paths[2]) && File.Exists(paths[3]), "the most recently used are kept");
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(fresh), "a writer may still be writing it");
    }

    private string Write(PrefixCacheKey key, byte[] state)
    {
        var path = Path.Combine(_folder, key.FileName);
        using var snapshot = SequenceSnapshot.Copy(state);
        PrefixCacheFile.Write(path, key, snapshot);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
