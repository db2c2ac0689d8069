package dev.voiceconsole.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kwhat.jnativehook.NativeInputEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key sequences as the native hook reports them (auto-repeat included) against the actions they must cause. */
class HotkeyMatcherTest {

    private static final int CTRL = NativeInputEvent.CTRL_L_MASK;
    private static final int ALT = NativeInputEvent.ALT_L_MASK;
    private static final int F8 = NativeKeyEvent.VC_F8;
    private static final int SPACE = NativeKeyEvent.VC_SPACE;

    private final List<String> actions = new ArrayList<>();
    private final HotkeyMatcher matcher = new HotkeyMatcher(HotkeyBindings.parse("F8", "Ctrl+Alt+Space"), recorder());

    @Test
    void heldPushToTalkStartsOnceAndStopsOnRelease() {
        matcher.keyPressed(F8, 0);
        matcher.keyPressed(F8, 0); // auto-repeat while held
        matcher.keyPressed(F8, 0);
        matcher.keyReleased(F8);
        assertThat(actions).containsExactly("talk", "stop talking");
    }

    @Test
    void releasingModifiersFirstStillEndsPushToTalkOnItsKey() {
        HotkeyMatcher ctrlTalk = new HotkeyMatcher(HotkeyBindings.parse("Ctrl+F8", ""), recorder());
        ctrlTalk.keyPressed(NativeKeyEvent.VC_CONTROL, CTRL);
        ctrlTalk.keyPressed(F8, CTRL);
        ctrlTalk.keyReleased(NativeKeyEvent.VC_CONTROL);
        assertThat(actions).containsExactly("talk");
        ctrlTalk.keyReleased(F8);
        assertThat(actions).containsExactly("talk", "stop talking");
    }

    @Test
    void heldToggleFlipsOnceAndPressingAgainFlipsAgain() {
        matcher.keyPressed(SPACE, CTRL | ALT);
        matcher.keyPressed(SPACE, CTRL | ALT);
        matcher.keyReleased(SPACE);
        matcher.keyPressed(SPACE, CTRL | ALT);
        matcher.keyReleased(SPACE);
        assertThat(actions).containsExactly("toggle", "toggle");
    }

    @Test
    void releaseWithoutAPressOrOfAnotherKeyDoesNothing() {
        matcher.keyReleased(F8);
        matcher.keyPressed(SPACE, 0);
        matcher.keyReleased(SPACE);
        assertThat(actions).isEmpty();
    }

    @Test
    void rebindingTakesEffectWithTheNextKey() {
        matcher.rebind(HotkeyBindings.parse("", "F8"));
        matcher.keyPressed(F8, 0);
        matcher.keyReleased(F8);
        assertThat(actions).containsExactly("toggle");
    }

    private HotkeyListener recorder() {
        return new HotkeyListener() {
            @Override
            public void pushToTalkPressed() {
                actions.add("talk");
            }

            @Override
            public void pushToTalkReleased() {
                actions.add("stop talking");
            }

            @Override
            public void togglePressed() {
                actions.add("toggle");
            }
        };
    }
}
