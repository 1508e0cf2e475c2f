from tests.conftest import MINIMAL


def test_placeholder_left_points_at_each_value_to_fill(rzn, write_event):
    path = write_event(
        MINIMAL + 'objectives:\n  - "À COMPLÉTER : la vision commune"\n  - Réseauter\n'
    )
    result = rzn("check", str(path), "--today", "2027-09-01", "--select", "placeholder-left")
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{path}:11:5: avertissement RZN601 [placeholder-left] Valeur à compléter : « À COMPLÉTER "
        ": la vision commune ». Remplacez-la par l'information réelle (ou supprimez la ligne si "
        "elle ne s'applique pas).",
        "1 fichier vérifié : 1 avertissement.",
    ]


def test_placeholder_left_is_silent_on_a_filled_file(rzn, write_event):
    path = write_event(MINIMAL)
    result = rzn("check", str(path), "--today", "2027-09-01", "--select", "placeholder-left")
    assert result.out.splitlines() == ["1 fichier vérifié : aucun problème."]
