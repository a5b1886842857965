using ClinicalAgent.Imaging.Writing;

namespace ClinicalAgent.Imaging.Tests.Writing;

public sealed class DicomUidTests
{
    [Fact]
    public void FromName_SameName_GivesTheSameValidUidUnder225()
    {
        var first = DicomUid.FromName("S1234567/study-1");

        var again = DicomUid.FromName("S1234567/study-1");
        var other = DicomUid.FromName("S1234567/study-2");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.StartsWith("2.25.", first, StringComparison.Ordinal);
        Assert.InRange(first.Length, 6, 64);
        Assert.Matches("^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*$", first);
    }

    [Fact]
    public void FromGuid_KnownUuid_IsItsDecimalInteger()
    {
        // PS3.5 §B.2's own example.
        var uid = DicomUid.FromGuid(Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));

        Assert.Equal("2.25.329800735698586629295641978511506172918", uid);
    }
}
