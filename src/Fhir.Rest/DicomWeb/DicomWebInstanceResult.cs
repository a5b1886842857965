using System.Text;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest.DicomWeb;

/// <summary>One DICOM instance as a WADO-RS answer: a one-part <c>multipart/related</c> body, or the bare file.</summary>
internal sealed class DicomWebInstanceResult(byte[] file, bool multipart) : IResult
{
    public int StatusCode => StatusCodes.Status200OK;

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.Headers.XContentTypeOptions = "nosniff";
        if (!multipart)
        {
            response.ContentType = DicomWebAccept.Dicom;
            response.ContentLength = file.Length;
            await response.Body.WriteAsync(file, httpContext.RequestAborted);
            return;
        }

        var boundary = Guid.NewGuid().ToString("N");
        var head = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: {DicomWebAccept.Dicom}\r\nContent-Length: {file.Length}\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        response.ContentType = $"multipart/related; type=\"{DicomWebAccept.Dicom}\"; boundary={boundary}";
        response.ContentLength = head.Length + file.Length + tail.Length;
        await response.Body.WriteAsync(head, httpContext.RequestAborted);
        await response.Body.WriteAsync(file, httpContext.RequestAborted);
        await response.Body.WriteAsync(tail, httpContext.RequestAborted);
    }
}
