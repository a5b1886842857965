using System.Text;
using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Agent.Tests.Models;

public sealed class GgufFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-gguf-").FullName;

    [Fact]
    public void Read_TinyModel_ReturnsMetadataAndTensors()
    {
        var path = TinyModel();

        var file = GgufFile.Read(path);

        Assert.Equal(3u, file.Version);
        Assert.Equal("gemma3", file.GetString("general.architecture"));
        Assert.Equal(64UL, file.GetUInteger("gemma3.embedding_length"));
        Assert.Equal(1e-6f, file.Metadata["gemma3.attention.layer_norm_rms_epsilon"]);
        Assert.Equal(true, file.Metadata["tokenizer.ggml.add_bos_token"]);
        var tokens = Assert.IsType<GgufArray>(file.Metadata["tokenizer.ggml.tokens"]);
        Assert.Equal("<start_of_turn>", tokens.Items![TinyGemmaVocabulary.StartOfTurnId]);
        Assert.Equal(3 + TinyGemmaModel.BlockCount * 13, file.Tensors.Count);
        var embedding = file.Tensors.Single(t => t.Name == "token_embd.weight");
        Assert.Equal([64UL, tokens.Count], embedding.Dimensions);
        Assert.Equal(GgmlType.F16, embedding.Type);
        Assert.Equal(0, file.DataOffset % 32);
        Assert.All(file.Tensors, t => Assert.Equal(0UL, t.Offset % 32));
    }

    [Fact]
    public void Read_LongArrayOverLimit_KeepsCountButSkipsItems()
    {
        var path = TinyModel();

        var file = GgufFile.Read(path, maxArrayItems: 10);

        var tokens = Assert.IsType<GgufArray>(file.Metadata["tokenizer.ggml.tokens"]);
        var scores = Assert.IsType<GgufArray>(file.Metadata["tokenizer.ggml.scores"]);
        Assert.Null(tokens.Items);
        Assert.Equal((ulong)TinyGemmaVocabulary.Build().Tokens.Length, tokens.Count);
        Assert.Equal(tokens.Count, scores.Count);
        Assert.Equal("tiny-gemma3", file.GetString("general.name"));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1)]
    public void Read_NestedArrays_ParsesOrSkipsThem(int maxArrayItems)
    {
        var path = Path.Combine(_folder, "nested.gguf");
        WriteHandMade(path, w =>
        {
            Key(w, "test.nested", GgufValueType.Array);
            w.Write((uint)GgufValueType.Array);
            w.Write(2UL);
            w.Write((uint)GgufValueType.Int64);
            w.Write(2UL);
            w.Write(-5L);
            w.Write(7L);
            w.Write((uint)GgufValueType.String);
            w.Write(1UL);
            Str(w, "x");
            Key(w, "test.after", GgufValueType.Float64);
            w.Write(2.5);
        }, entries: 2);

        var file = GgufFile.Read(path, maxArrayItems);

        var outer = Assert.IsType<GgufArray>(file.Metadata["test.nested"]);
        Assert.Equal(2UL, outer.Count);
        Assert.Equal(2.5, file.Metadata["test.after"]);
        if (maxArrayItems > 1)
        {
            var first = Assert.IsType<GgufArray>(outer.Items![0]);
            Assert.Equal([-5L, 7L], first.Items!.Cast<long>());
            Assert.Equal("x", Assert.IsType<GgufArray>(outer.Items[1]).Items![0]);
        }
        else
        {
            Assert.Null(outer.Items);
        }
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var path = Path.Combine(_folder, "absent.gguf");

        var error = Assert.Throws<FileNotFoundException>(() => GgufFile.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Read_TextFile_ThrowsNotGguf()
    {
        var path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, "Patient seen today, no complaints.\n");

        var error = Assert.Throws<InvalidDataException>(() => GgufFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a GGUF file", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(600)]
    [InlineData(50_000)]
    public void Read_TruncatedFile_ThrowsTruncated(int keep)
    {
        var path = TinyModel();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..keep]);

        var error = Assert.Throws<InvalidDataException>(() => GgufFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Matches("truncated|not a GGUF", error.Message);
    }

    [Fact]
    public void Read_UnsupportedVersion_ThrowsNamingVersion()
    {
        var path = TinyModel();
        using (var stream = File.OpenWrite(path))
        {
            stream.Position = 4;
            stream.Write(BitConverter.GetBytes(7u));
        }

        var error = Assert.Throws<InvalidDataException>(() => GgufFile.Read(path));

        Assert.Contains("version 7", error.Message);
    }

    [Fact]
    public void Read_HugeArrayCount_ThrowsCorruptWithoutAllocating()
    {
        var path = Path.Combine(_folder, "corrupt.gguf");
        WriteHandMade(path, w =>
        {
            Key(w, "tokenizer.ggml.tokens", GgufValueType.Array);
            w.Write((uint)GgufValueType.String);
            w.Write(ulong.MaxValue / 2);
        }, entries: 1);

        var error = Assert.Throws<InvalidDataException>(() => GgufFile.Read(path));

        Assert.Contains("corrupt", error.Message);
        Assert.Contains("tokenizer.ggml.tokens", error.Message);
    }

    [Fact]
    public void Read_UnknownValueType_ThrowsCorrupt()
    {
        var path = Path.Combine(_folder, "badtype.gguf");
        WriteHandMade(path, w => Key(w, "general.architecture", (GgufValueType)99), entries: 1);

        var error = Assert.Throws<InvalidDataException>(() => GgufFile.Read(path));

        Assert.Contains("99", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string TinyModel()
    {
        var path = Path.Combine(_folder, $"tiny-{Guid.NewGuid():N}.gguf");
        TinyGemmaModel.Write(path);
        return path;
    }

    private static void WriteHandMade(string path, Action<BinaryWriter> writeEntries, ulong entries)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(GgufFormat.Magic);
        writer.Write(3u);
        writer.Write(0UL);
        writer.Write(entries);
        writeEntries(writer);
    }

    private static void Key(BinaryWriter writer, string key, GgufValueType type)
    {
        Str(writer, key);
        writer.Write((uint)type);
    }

    private static void Str(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
