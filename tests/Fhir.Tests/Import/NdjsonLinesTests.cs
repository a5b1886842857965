using System.Text;
using ClinicalAgent.Fhir.Import;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Import;

/// <summary>NDJSON lines read as UTF-8 bytes are the lines, numbers and blanks that StreamReader gave as strings.</summary>
public sealed class NdjsonLinesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-ndjson-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("{\"a\":1}\n{\"b\":2}\n")]
    [InlineData("\uFEFF{\"a\":1}\r\n\r\n   \n{\"b\":\"é\"}")]
    [InlineData("{\"a\":1}\r{\"b\":2}\r\r\n\t\n\u00a0\u2003\n{\"c\":3}\r")]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Read_Utf8_GivesTheLinesStreamReaderGives(string content)
    {
        var path = Write(Encoding.UTF8.GetBytes(content));

        var expected = NdjsonLines.Read(path, utf8: false).Select(Show).ToList();
        var actual = NdjsonLines.Read(path).Select(Show).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(65535, "\r\n")]
    [InlineData(65534, "\r\n")]
    [InlineData(65536, "\n")]
    [InlineData(70000, "\r")]
    public void Read_LinesAcrossTheReadBuffer_GivesTheLinesStreamReaderGives(int firstLength, string end)
    {
        var first = "{\"a\":\"" + new string('x', firstLength - 8) + "\"}";
        var path = Write(Encoding.UTF8.GetBytes(first + end + "{\"b\":2}" + end + new string('y', 140_000) + end + "{\"c\":3}"));

        var expected = NdjsonLines.Read(path, utf8: false).Select(Show).ToList();
        var actual = NdjsonLines.Read(path).Select(Show).ToList();

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, actual);
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".ndjson");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Show((byte[] Utf8, int Number) line) => $"{line.Number}:{Convert.ToHexString(line.Utf8)}";
}
