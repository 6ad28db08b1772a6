package dev.weft.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A server-sent events client for tests: reads events on a virtual thread until the server ends the stream. */
final class SseClient implements AutoCloseable {

    record Event(String id, String type, String data) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    volatile int status;
    volatile String contentType = "";
    volatile boolean ended;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Thread reader;

    SseClient(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        reader = Thread.ofVirtual().start(() -> {
            try {
                HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                status = response.statusCode();
                contentType = response.headers().firstValue("Content-Type").orElse("");
                String id = null;
                String type = null;
                StringBuilder data = new StringBuilder();
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.isEmpty()) {
                        if (type != null || !data.isEmpty()) {
                            events.add(new Event(id, type, data.toString()));
                        }
                        id = null;
                        type = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).strip());
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (Exception e) {
                // the test closed the client, or the server went away: either way the stream ended
            } finally {
                ended = true;
            }
        });
    }

    List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    @Override
    public void close() {
        reader.interrupt();
        client.shutdownNow();
    }
}
