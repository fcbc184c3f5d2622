package io.countersign.tenant.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlPolicyTest {

  private final OutboundUrlPolicy strict = new OutboundUrlPolicy(false);
  private final OutboundUrlPolicy allowingPrivate = new OutboundUrlPolicy(true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://mcp.example.com/mcp",
        "http://mcp.example.com:8080/mcp",
        "https://93.184.215.14/mcp",
        "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/mcp"
      })
  void checkUrlWhenPublicHttpThenPermitted(String url) {
    assertTrue(strict.checkUrl(URI.create(url)).permitted());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://files.example.com/",
        "file:///etc/passwd",
        "gopher://x.example/",
        "mcp.example.com/mcp"
      })
  void checkUrlWhenNotHttpThenRefused(String url) {
    assertRefused(strict.checkUrl(URI.create(url)), "scheme must be http or https");
  }

  @Test
  void checkUrlWhenUserInfoThenRefused() {
    assertRefused(strict.checkUrl(URI.create("https://user:pw@mcp.example.com/")), "user info");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://metadata.google.internal/"
      })
  void checkUrlWhenLinkLocalMetadataMulticastOrUnspecifiedThenRefusedEvenWhenPrivateAllowed(
      String url) {
    assertInstanceOf(OutboundCheck.Refused.class, allowingPrivate.checkUrl(URI.create(url)));
    assertInstanceOf(OutboundCheck.Refused.class, strict.checkUrl(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9081/mcp",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://[::1]/",
        "http://[fd12:3456::1]/",
        "http://localhost:8080/",
        "http://api.localhost/"
      })
  void checkUrlWhenPrivateThenRefusedUnlessAllowed(String url) {
    assertRefused(strict.checkUrl(URI.create(url)), "allow-private-networks=true");
    assertTrue(allowingPrivate.checkUrl(URI.create(url)).permitted());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://2130706433/", "http://017700000001/", "http://0x7f000001/"})
  void checkUrlWhenObfuscatedIpv4ThenRefused(String url) {
    assertRefused(allowingPrivate.checkUrl(URI.create(url)), "non-canonical IPv4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://0x7f.1/", "http://127.1/"})
  void checkUrlWhenShortIpv4FormThenRefusedAsInvalidHost(String url) {
    assertRefused(
        allowingPrivate.checkUrl(URI.create(url)), "is not a valid host name or IP address");
  }

  @Test
  void checkUrlWhenPublicRangeNeighbourOfPrivateThenPermitted() {
    assertTrue(strict.checkUrl(URI.create("http://172.32.0.1/")).permitted());
    assertTrue(strict.checkUrl(URI.create("http://11.0.0.1/")).permitted());
  }

  @Test
  void checkAddressWhenDnsRebindsToLoopbackThenRefused() throws UnknownHostException {
    InetAddress rebound = InetAddress.getByAddress("mcp.example.com", new byte[] {127, 0, 0, 1});

    assertRefused(strict.checkAddress(rebound), "private range 127.0.0.0/8");
  }

  @Test
  void checkAddressWhenIpv6EmbedsMetadataAddressThenRefused() throws UnknownHostException {
    InetAddress nat64 = InetAddress.getByName("64:ff9b::a9fe:a9fe"); // 169.254.169.254

    assertRefused(allowingPrivate.checkAddress(nat64), "never reachable");
  }

  @Test
  void checkAddressWhenPublicThenPermitted() throws UnknownHostException {
    assertTrue(
        strict
            .checkAddress(InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14}))
            .permitted());
  }

  private static void assertRefused(OutboundCheck check, String reasonPart) {
    OutboundCheck.Refused refused = assertInstanceOf(OutboundCheck.Refused.class, check);
    assertTrue(refused.reason().contains(reasonPart), refused.reason());
    assertEquals(false, refused.permitted());
  }
}
