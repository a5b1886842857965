using System.Buffers.Binary;
using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ClinicalAgent.Fhir.Rest.DicomWeb;

/// <summary>
/// What a WADO-RS instance retrieve may answer (PS3.18 §8.7): <c>multipart/related; type="application/dicom"</c>, the
/// default, or a bare <c>application/dicom</c>; the file goes out in the transfer syntax it is stored in, so a
/// <c>transfer-syntax</c> parameter must name that one or <c>*</c>.
/// </summary>
internal static class DicomWebAccept
{
    public const string Dicom = "application/dicom";

    public const string ExplicitVrLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>True for multipart, false for a single <c>application/dicom</c> body; 406 when neither is acceptable.</summary>
    public static bool Choose(HttpRequest request, string storedSyntax)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges) || ranges.Count == 0)
            return true;
        foreach (var range in ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var mediaType = range.MediaType.Value?.ToLowerInvariant();
            var syntax = Parameter(range, "transfer-syntax");
            if (syntax is not null && syntax != "*" && syntax != storedSyntax)
                continue;
            switch (mediaType)
            {
                case "*/*" or "multipart/*":
                    return true;
                case "multipart/related" when Parameter(range, "type") is null or Dicom:
                    return true;
                case Dicom:
                    return false;
            }
        }

        throw FhirGatewayException.Create(HttpStatusCode.NotAcceptable, OperationOutcome.IssueType.NotSupported,
            $"This instance is served as multipart/related; type=\"{Dicom}\" or {Dicom}, in transfer syntax {storedSyntax}; "
            + $"the Accept header '{request.Headers.Accept}' allows neither.");
    }

    /// <summary>The Transfer Syntax UID (0002,0010) of a Part 10 file's meta header; explicit VR little endian when it has none.</summary>
    public static string TransferSyntaxOf(byte[] file)
    {
        if (file.Length < 132 || Encoding.ASCII.GetString(file, 128, 4) != "DICM")
            return ExplicitVrLittleEndian;
        var position = 132;
        while (position + 8 <= file.Length && BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position)) == 0x0002)
        {
            var element = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position + 2));
            var vr = Encoding.ASCII.GetString(file, position + 4, 2);
            var (header, length) = vr is "OB" or "OW" or "UN" or "SQ" or "UT"
                ? (12, position + 12 <= file.Length ? (long)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 8)) : long.MaxValue)
                : (8, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position + 6)));
            if (position + header + length > file.Length)
                break;
            if (element == 0x0010)
                return Encoding.ASCII.GetString(file, position + header, (int)length).TrimEnd('\0', ' ');
            position += header + (int)length;
        }

        return ExplicitVrLittleEndian;
    }

    private static string? Parameter(MediaTypeHeaderValue range, string name) =>
        range.Parameters.FirstOrDefault(p => string.Equals(p.Name.Value, name, StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"').ToLowerInvariant();
}
