package io.countersign.demo.sandbox;

import io.countersign.demo.tool.Annotations;
import io.countersign.demo.tool.Arguments;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.Schemas;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** {@code read_file}: reads a UTF-8 text file from the sandbox folder. Reads only. */
public class ReadFileTool implements DemoTool {

  public static final String NAME = "read_file";

  private static final McpSchema.Tool DEFINITION =
      McpSchema.Tool.builder(
              NAME,
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "path": {"type": "string", "minLength": 1, "maxLength": 512,
                        "description": "File path relative to the sandbox, e.g. \\"notes/release-checklist.md\\"."}
                    },
                    "required": ["path"],
                    "additionalProperties": false
                  }
                  """))
          .title("Read sandbox file")
          .description(
              "Reads a UTF-8 text file (at most 64 KiB) from the demo sandbox folder. The path is"
                  + " relative to that folder; absolute paths, '..' and links leading out are refused.")
          .outputSchema(
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "path": {"type": "string"},
                      "size": {"type": "integer", "description": "Size in bytes."},
                      "content": {"type": "string"}
                    },
                    "required": ["path", "size", "content"]
                  }
                  """))
          .annotations(Annotations.of("Read sandbox file", true, false, true, false))
          .build();

  private final Sandbox sandbox;

  public ReadFileTool(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public McpSchema.Tool definition() {
    return DEFINITION;
  }

  @Override
  public ToolOutcome call(Arguments arguments) {
    SandboxFile file = sandbox.read(arguments.requiredString("path", 1, 512));
    return ToolOutcome.success(
        file.content(),
        Map.of("path", file.path(), "size", file.size(), "content", file.content()));
  }
}
