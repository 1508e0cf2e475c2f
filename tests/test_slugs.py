from rzn.slugs import slugify


def test_slugify_neutralises_traversal_and_accents():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Atelier : réseaux sociaux") == "atelier-reseaux-sociaux"
    assert slugify("///") == "sans-titre"
