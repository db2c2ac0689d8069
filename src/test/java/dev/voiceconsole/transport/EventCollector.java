package dev.voiceconsole.transport;

import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.proto.v1.ChunkAck;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Records a stream's events for assertions. */
final class EventCollector implements StreamListener {

    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean completed;
    volatile Throwable error;

    @Override
    public void onEvent(StreamEvent event) {
        events.add(event);
    }

    @Override
    public void onCompleted() {
        completed = true;
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    List<StreamEvent> matching(Predicate<StreamEvent> p) {
        return events.stream().filter(p).collect(Collectors.toCollection(ArrayList::new));
    }

    List<StreamEvent> acks(ChunkAck.Result result) {
        return matching(e -> e.hasAck() && e.getAck().getResult() == result);
    }

    List<StreamEvent> errors() {
        return matching(StreamEvent::hasError);
    }

    /** All final texts in arrival order, joined. */
    String finalText() {
        return matching(StreamEvent::hasFinal).stream()
                .map(e -> e.getFinal().getText())
                .collect(Collectors.joining(" "));
    }
}
