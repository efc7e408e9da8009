"""The pack as plain, validated data: its info, card kinds, cards, guide pages, labels, licences."""
