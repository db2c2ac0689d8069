package dev.voiceconsole.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kwhat.jnativehook.NativeInputEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HotkeySpecTest {

    @Test
    void readsModifiersAndOneKey() {
        HotkeySpec spec = HotkeySpec.parse("Ctrl+Alt+Space");
        assertThat(spec.modifiers()).containsExactlyInAnyOrder(HotkeyModifier.CTRL, HotkeyModifier.ALT);
        assertThat(spec.keyCode()).isEqualTo(NativeKeyEvent.VC_SPACE);
        assertThat(HotkeySpec.parse("F9")).isEqualTo(new HotkeySpec(Set.of(), NativeKeyEvent.VC_F9));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ctrl+alt+space      | Ctrl+Alt+Space",
                " Alt + Control + SPACE | Ctrl+Alt+Space",
                "f9                  | F9",
                "super+shift+a       | Shift+Meta+A",
                "Ctrl+PageUp         | Ctrl+PageUp",
                "ctrl+page_up        | Ctrl+PageUp",
                "Ctrl+PgDn           | Ctrl+PageDown",
                "Esc                 | Escape",
                "Cmd+1               | Meta+1",
            })
    void acceptsCommonSpellingsAndWritesOneCanonicalForm(String text, String canonical) {
        HotkeySpec spec = HotkeySpec.parse(text);
        assertThat(spec).hasToString(canonical);
        assertThat(HotkeySpec.parse(spec.toString())).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                | it is empty",
                "Ctrl+Alt          | it has only modifiers; add one key such as Space or F9",
                "Ctrl++Space       | it has an empty part between '+' signs",
                "Ctrl+             | it has an empty part between '+' signs",
                "Ctrl+Hyper+Space  | 'Hyper' is not a key name this app knows",
                "Ctrl+Ctrl+Space   | Ctrl appears twice",
                "A+B               | it names two keys (A and B); use modifiers plus one key",
            })
    void refusesWhatIsNotAHotkeyWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> HotkeySpec.parse(text))
                .isInstanceOf(InvalidHotkeyException.class)
                .hasMessage("'" + text + "' is not a hotkey: " + reason + " (write it like Ctrl+Alt+Space or F9)");
    }

    @Test
    void matchesItsKeyWithExactlyItsModifiersEitherSide() {
        HotkeySpec spec = HotkeySpec.parse("Ctrl+Alt+Space");
        int space = NativeKeyEvent.VC_SPACE;
        assertThat(spec.matches(space, NativeInputEvent.CTRL_L_MASK | NativeInputEvent.ALT_L_MASK))
                .isTrue();
        assertThat(spec.matches(space, NativeInputEvent.CTRL_R_MASK | NativeInputEvent.ALT_R_MASK))
                .isTrue();
        // Caps Lock and Num Lock do not count as modifiers
        assertThat(spec.matches(
                        space,
                        NativeInputEvent.CTRL_L_MASK
                                | NativeInputEvent.ALT_L_MASK
                                | NativeInputEvent.NUM_LOCK_MASK
                                | NativeInputEvent.CAPS_LOCK_MASK))
                .isTrue();
        assertThat(spec.matches(space, NativeInputEvent.CTRL_L_MASK)).isFalse();
        assertThat(spec.matches(
                        space,
                        NativeInputEvent.CTRL_L_MASK | NativeInputEvent.ALT_L_MASK | NativeInputEvent.SHIFT_L_MASK))
                .isFalse();
        assertThat(spec.matches(NativeKeyEvent.VC_A, NativeInputEvent.CTRL_L_MASK | NativeInputEvent.ALT_L_MASK))
                .isFalse();
    }

    @Test
    void pushToTalkAndToggleMustDiffer() {
        assertThatThrownBy(() -> HotkeyBindings.parse("F8", "f8"))
                .hasMessage("push-to-talk and toggle cannot both be F8");
        assertThat(HotkeyBindings.parse(" ", "")).isEqualTo(HotkeyBindings.none());
    }
}
