"""The benchmark's report as a person reads it: every measure, then every target, CPU first."""

from __future__ import annotations

from measures import count, duration, ratio_text


def report_text(data: dict[str, object]) -> str:
    env = data["environment"]
    assert isinstance(env, dict)
    measurements = data["measurements"]
    assert isinstance(measurements, dict)
    memory = data["memory_kib"]
    assert isinstance(memory, dict)
    targets = data["targets"]
    assert isinstance(targets, dict)
    quick = " — mode rapide : petits volumes, ratios non significatifs" if data["quick"] else ""
    lines = [
        "",
        f"Banc d'essai de rzn{quick}",
        f"Python {env['python']}, {env['cpus']} cœurs, {env['timer']}, mémoire par {env['memory']}",
        f"rzn : {env['rzn']} ; libyaml : {'oui' if env['libyaml'] else 'NON'} ; "
        f"schéma : {env['schema']}",
        _load_line(env),
        "",
        f"{'Mesure (médianes)':<50}{'CPU':>10}{'écoulé':>10}{'min':>10}{'max':>10}{'n':>4}",
    ]
    for item in measurements.values():
        lines.append(
            f"{item['label']:<50}{duration(item['cpu_median_s']):>10}"
            f"{duration(item['median_s']):>10}{duration(item['min_s']):>10}"
            f"{duration(item['max_s']):>10}{item['runs']:>4}"
        )
    sizes = data["sizes"]
    assert isinstance(sizes, dict)
    for key, files in (
        ("check_one", 1),
        ("check_big", sizes["big"]),
        ("check_huge", sizes["huge"]),
    ):
        if key in memory:
            plural = "s" if files > 1 else ""
            label = f"mémoire max, rzn check -j 1, {count(files)} fichier{plural}"
            lines.append(f"{label:<50}{memory[key] / 1024:>7.1f} Mo")
    lines += [
        "",
        f"{'Objectif (jugé sur le temps CPU)':<50}{'CPU':>10}{'écoulé':>10}{'cible':>10}  résultat",
    ]
    for target in targets.values():
        unit = target["unit"]
        cpu = ratio_text(target["cpu_value"], unit) if target["cpu_value"] is not None else ""
        shown = ratio_text(target["value"], unit)
        if target["cpu_value"] is None:  # memory: one figure
            cpu, shown = shown, ""
        limit = ("≥ " if target["comparison"] == ">=" else "≤ ") + f"{target['limit']}{unit}"
        verdict = {True: "OK", False: "ÉCHEC", None: "non mesuré"}[target["passed"]]
        if target["refused"]:
            verdict = f"non jugé ({target['refused']})"
        lines.append(f"{target['label']:<50}{cpu:>10}{shown:>10}{limit:>10}  {verdict}")
    notes = data["notes"]
    assert isinstance(notes, list)
    if notes:
        lines += ["", "Remarques :"] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def _load_line(env: dict[str, object]) -> str:
    load = env.get("load_average_1min")
    if not isinstance(load, dict):
        return "Charge de la machine : inconnue"
    return (
        f"Charge de la machine pendant les mesures (moyenne sur 1 min) : de {load['min']:.1f} "
        f"à {load['max']:.1f} pour {env['cpus']} cœurs"
    )
