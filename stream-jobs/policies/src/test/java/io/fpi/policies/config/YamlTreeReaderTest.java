package io.fpi.policies.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    @Test
    void values_keep_their_line_column_and_key_path() {
        Problems problems = new Problems("f.yaml");
        YamlNode root = YamlTreeReader.read("""
                version: "1"
                policies:
                  - id: a
                    milestones:
                      - name: m
                        within: 2h
                """, problems);
        YamlNode.MapNode top = (YamlNode.MapNode) root;
        YamlNode.ListNode policies = (YamlNode.ListNode) top.get("policies");
        YamlNode.MapNode policy = (YamlNode.MapNode) policies.items().get(0);
        YamlNode.ListNode milestones = (YamlNode.ListNode) policy.get("milestones");
        YamlNode within = ((YamlNode.MapNode) milestones.items().get(0)).get("within");
        assertThat(within.path()).isEqualTo("policies[0].milestones[0].within");
        assertThat(within.line()).isEqualTo(6);
        assertThat(within.column()).isEqualTo(17);
        assertThat(top.keyLine("policies")).isEqualTo(2);
        assertThat(problems.hasErrors()).isFalse();
    }

    @Test
    void scalars_stay_raw_text_so_times_and_dates_are_not_reinterpreted() {
        Problems problems = new Problems("f.yaml");
        YamlNode.MapNode m = (YamlNode.MapNode) YamlTreeReader.read(
                "ready_by: 15:30\nopen: on\nday: 2025-12-25\nnothing: ~\n", problems);
        assertThat(((YamlNode.Scalar) m.get("ready_by")).text()).isEqualTo("15:30");
        assertThat(((YamlNode.Scalar) m.get("open")).text()).isEqualTo("on");
        assertThat(((YamlNode.Scalar) m.get("day")).text()).isEqualTo("2025-12-25");
        assertThat(((YamlNode.Scalar) m.get("nothing")).isNull()).isTrue();
    }

    @Test
    void duplicate_keys_are_errors_at_the_second_key() {
        Problems problems = new Problems("f.yaml");
        YamlTreeReader.read("a: 1\nb: 2\na: 3\n", problems);
        assertThat(problems.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.path()).isEqualTo("a");
            assertThat(p.message()).contains("duplicate key 'a'", "line 1");
        });
    }

    @Test
    void syntax_errors_name_the_line() {
        Problems problems = new Problems("f.yaml");
        YamlNode root = YamlTreeReader.read("a: [1, 2\nb: 3\n", problems);
        assertThat(root).isNull();
        assertThat(problems.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void an_empty_file_is_an_error() {
        Problems problems = new Problems("f.yaml");
        assertThat(YamlTreeReader.read("# only a comment\n", problems)).isNull();
        assertThat(problems.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("empty"));
    }

    @Test
    void problems_print_as_file_line_column_path_message() {
        Problem p = new Problem("infra/sla/policies.yaml", 12, 7, "policies[0].within", "bad");
        assertThat(p).hasToString("infra/sla/policies.yaml:12:7: policies[0].within: bad");
    }
}
