package io.countersign.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** One JAX-RS application for the MCP endpoints, the well-known documents and the REST API. */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Countersign",
            version = "0.1.0",
            description =
                "MCP gateway with policy decisions, human approval and an audit log. MCP clients"
                    + " connect to /t/{tenant}/mcp; administrators use /api/v1."))
public class CountersignApplication extends Application {}
