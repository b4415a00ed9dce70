package dev.wfrun.core.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Golden frames in upstream's format (written from the spec) decode to the right kind and encode back byte for byte. */
class TunnelFramesTest {
  private static String golden(String name) throws IOException {
    try (InputStream in = TunnelFramesTest.class.getResourceAsStream("/tunnel/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"request", "request-with-body", "response", "response-error", "stream-start",
      "stream-chunk", "stream-close"})
  void goldenFramesRoundTripByteForByte(String name) throws IOException {
    String text = golden(name);
    TunnelFrame frame = TunnelFrames.read(text).orElseThrow();
    assertThat(TunnelFrames.write(frame)).isEqualTo(text);
  }

  @Test
  void framesAreToldApartInUpstreamsOrder() throws IOException {
    assertThat(TunnelFrames.read(golden("request")).orElseThrow()).isInstanceOfSatisfying(TunnelFrame.Request.class,
        r -> {
          assertThat(r.method()).isEqualTo("GET");
          assertThat(r.query()).isEqualTo("labelSelector=a%3Db");
          assertThat(r.headers()).containsEntry("Accept", List.of("application/json"));
        });
    assertThat(TunnelFrames.read(golden("request-with-body")).orElseThrow())
        .isInstanceOfSatisfying(TunnelFrame.Request.class, r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
            .contains("\"name\":\"openchoreo-ci-default\""));
    assertThat(TunnelFrames.read(golden("response-error")).orElseThrow())
        .isInstanceOfSatisfying(TunnelFrame.Response.class, r -> assertThat(r.error().message())
            .startsWith("backend request failed"));
    assertThat(TunnelFrames.read(golden("stream-start")).orElseThrow())
        .isInstanceOfSatisfying(TunnelFrame.StreamStart.class, s -> assertThat(s.query()).isEqualTo("stdout=true&command=ls"));
    assertThat(TunnelFrames.read(golden("stream-chunk")).orElseThrow())
        .isInstanceOfSatisfying(TunnelFrame.StreamChunk.class, c -> assertThat(c.data()).asString().isEqualTo("hello\n"));
    assertThat(TunnelFrames.read(golden("stream-close")).orElseThrow())
        .isInstanceOfSatisfying(TunnelFrame.StreamChunk.class, c -> assertThat(c.close()).isTrue());
  }

  @Test
  void aRefusedStreamsStatusTravelsInWfrunsOwnFieldAndStockChunksStayAsUpstreamWritesThem() {
    String refused = TunnelFrames.write(new TunnelFrame.StreamChunk("r-1", "{\"code\":404}".getBytes(
        StandardCharsets.UTF_8), 0, true, 404));
    assertThat(refused).contains("\"wfrunStatus\":404");
    assertThat(TunnelFrames.read(refused).orElseThrow())
        .isInstanceOfSatisfying(TunnelFrame.StreamChunk.class, c -> {
          assertThat(c.status()).isEqualTo(404);
          assertThat(c.close()).isTrue();
        });
    assertThat(TunnelFrames.write(new TunnelFrame.StreamChunk("r-2", new byte[] {1}, 0, false)))
        .doesNotContain("wfrunStatus");
  }

  @Test
  void aFrameWithoutARequestIdIsDropped() {
    assertThat(TunnelFrames.read("{\"statusCode\":200}")).isEmpty();
  }

  @Test
  void malformedFramesAreRefusedWithAReason() {
    assertThatThrownBy(() -> TunnelFrames.read("{not json")).isInstanceOf(MalformedFrameException.class)
        .hasMessageStartingWith("frame is not JSON");
    assertThatThrownBy(() -> TunnelFrames.read("[1]")).hasMessage("frame is not a JSON object");
    assertThatThrownBy(() -> TunnelFrames.read("{\"requestID\":\"x\",\"statusCode\":200,\"body\":\"***\"}"))
        .hasMessageStartingWith("body: not standard base64");
    assertThatThrownBy(() -> TunnelFrames.read("\"" + "x".repeat(TunnelFrames.MAX_FRAME_CHARS) + "\""))
        .hasMessageContaining("over the limit");
  }

  @Test
  void writesLikeGosEncoderEscapingHtmlCharactersAndSortingHeaders() {
    String text = TunnelFrames.write(new TunnelFrame.Request("id", "", "k8s", "GET", "/api/v1/pods", "a=1&b=<2>",
        Map.of("Z", List.of("1"), "A", List.of("2")), new byte[0]));
    assertThat(text).isEqualTo("{\"requestID\":\"id\",\"target\":\"k8s\",\"method\":\"GET\",\"path\":\"/api/v1/pods\","
        + "\"query\":\"a=1\\u0026b=\\u003c2\\u003e\",\"headers\":{\"A\":[\"2\"],\"Z\":[\"1\"]}}");
    assertThat(TunnelFrames.write(new TunnelFrame.StreamStart("id", "k8s", "GET", "/x", "s=\u2028", "")))
        .contains("\"query\":\"s=\\u2028\"");
  }
}
