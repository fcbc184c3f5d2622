package io.countersign.web.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Declares the path parameters the annotation scanner leaves out (OpenAPI 3, "Path Item Object":
 * every template expression must be a path parameter of each operation). Resources that share their
 * operations through a base class, such as the tenant and platform audit logs, take the tenant from
 * a field the scanner does not see for the inherited methods; without this, the document does not
 * validate and generated clients cannot call those operations.
 */
public class PathTemplateParameters implements OASFilter {

  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              List<String> names = templateNames(path);
              for (Operation operation : item.getOperations().values()) {
                for (String name : names) {
                  if (!declares(item, operation, name)) {
                    operation.addParameter(pathParameter(name));
                  }
                }
              }
            });
  }

  static List<String> templateNames(String path) {
    List<String> names = new ArrayList<>();
    Matcher matcher = TEMPLATE.matcher(path);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static boolean declares(PathItem item, Operation operation, String name) {
    return declares(Optional.ofNullable(item.getParameters()), name)
        || declares(Optional.ofNullable(operation.getParameters()), name);
  }

  private static boolean declares(Optional<List<Parameter>> parameters, String name) {
    return parameters.orElse(List.of()).stream()
        .anyMatch(p -> p.getIn() == Parameter.In.PATH && name.equals(p.getName()));
  }

  private static Parameter pathParameter(String name) {
    return OASFactory.createParameter()
        .name(name)
        .in(Parameter.In.PATH)
        .required(true)
        .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING));
  }
}
