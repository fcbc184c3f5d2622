package io.countersign.web.approve;

import io.countersign.tenant.TenantDirectory;
import io.countersign.web.admin.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/**
 * The approver app's files, the same for every tenant. Every answer carries a strict
 * Content-Security-Policy: scripts and styles only from the app itself, no inline code, no framing,
 * so text from tool arguments can never run even if a view forgot to treat it as text.
 */
@Path("t/{tenant}/approve")
@ApplicationScoped
public class AppFiles {

  /** The policy for every file of the app. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** The files, by name, with their media types. */
  static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8",
          "sw.js", "text/javascript; charset=utf-8",
          "manifest.webmanifest", "application/manifest+json",
          "icon.svg", "image/svg+xml");

  @Inject TenantDirectory directory;

  @GET
  public Response root(@PathParam("tenant") String tenant, @Context UriInfo uri)
      throws IOException {
    if (uri.getRequestUri().getPath().endsWith("/")) {
      return file(tenant, "");
    }
    return Response.seeOther(URI.create("/t/" + tenant + "/approve/")).build();
  }

  @GET
  @Path("{file: [a-z.]*}")
  public Response file(@PathParam("tenant") String tenant, @PathParam("file") String file)
      throws IOException {
    String name = file.isEmpty() ? "index.html" : file;
    if (directory.tenant(tenant).isEmpty() || !FILES.containsKey(name)) {
      return Problems.problem(404, "Not Found", "no such page");
    }
    byte[] body;
    try (InputStream in = AppFiles.class.getResourceAsStream("/approve/" + name)) {
      if (in == null) {
        return Problems.problem(404, "Not Found", "no such page");
      }
      body = in.readAllBytes();
    }
    return Response.ok(body, FILES.get(name))
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        .header(
            "Cache-Control",
            name.equals("index.html") || name.equals("sw.js") ? "no-cache" : "max-age=300")
        .build();
  }
}
