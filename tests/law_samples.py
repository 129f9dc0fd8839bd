"""Small synthetic laws, one per language and print style, written for the tests (no real act's wording).

Each imitates how a statute book prints a law: a Canadian act in English and in French (the
two versions of one act), a Brazilian federal law, a Mexican federal law implementing a
Security Council resolution, and a U.S. Code chapter.
"""

from __future__ import annotations

CANADA_EN = """Harbour Security Act
S.C. 2011, c. 8
Assented to 2011-03-24
An Act to implement the International Convention for the Suppression of Acts of Nuclear Terrorism and to amend other Acts

Her Majesty, by and with the advice and consent of the Senate and House of Commons of Canada, enacts as follows:

Short Title

[Short title]
1 This Act may be cited as the Harbour Security Act.

Interpretation

[Definitions]
2
  (1) The following definitions apply in this Act.
    harbour means any port open to ships. (port)

PART 1 Inspections

[Inspectors]
3 The Minister may designate inspectors for the purposes of the Chemical Weapons Convention and of this Act.

[Powers]
3.1 An inspector may enter any harbour at any reasonable time.
"""

CANADA_FR = """Loi sur la sécurité des ports
L.C. 2011, ch. 8
Sanctionnée le 2011-03-24
Loi de mise en œuvre de la Convention internationale pour la répression des actes de terrorisme nucléaire et modifiant d’autres lois

Sa Majesté, sur l’avis et avec le consentement du Sénat et de la Chambre des communes du Canada, édicte :

Titre abrégé

[Titre abrégé]
1 Loi sur la sécurité des ports.

Définitions

[Définitions]
2
  (1) Les définitions qui suivent s’appliquent à la présente loi.
    port Tout port ouvert aux navires. (harbour)

PARTIE 1 Inspections

[Inspecteurs]
3 Le ministre peut désigner des inspecteurs pour l’application de la Convention sur les armes chimiques et de la présente loi.

[Pouvoirs]
3.1 L’inspecteur peut entrer dans tout port à toute heure convenable.
"""

BRAZIL_PT = """LEI Nº 14.321, DE 9 DE SETEMBRO DE 2021.

Dispõe sobre o controle de explosivos em portos e aeroportos e altera a Lei nº 10.826, de 22 de dezembro de 2003.

O PRESIDENTE DA REPÚBLICA Faço saber que o Congresso Nacional decreta e eu sanciono a seguinte Lei:

CAPÍTULO I

DISPOSIÇÕES GERAIS

Art. 1º Esta Lei regulamenta a Convenção Interamericana contra o Terrorismo no que se refere ao controle de explosivos.

Art. 2º O controle compete à Polícia Federal.

§ 1º O cadastro será nacional.

Art. 2º-A Os portos manterão registro dos explosivos. (Incluído pela Lei nº 14.500, de 2022)

Art. 3º Esta Lei entra em vigor na data de sua publicação.
"""

MEXICO_ES = """LEY FEDERAL PARA EL CONTROL DE MATERIALES SENSIBLES
Nueva Ley publicada en el Diario Oficial de la Federación el 3 de febrero de 2020
TEXTO VIGENTE
Última reforma publicada DOF 11-11-2024
Al margen un sello con el Escudo Nacional, que dice: Estados Unidos Mexicanos.- Presidencia de la República.
Que el Honorable Congreso de la Unión, se ha servido dirigirme el siguiente
DECRETO "EL CONGRESO GENERAL DE LOS ESTADOS UNIDOS MEXICANOS, DECRETA:
LEY FEDERAL PARA EL CONTROL DE MATERIALES SENSIBLES
CAPÍTULO I
Disposiciones Generales
Artículo 1o.- La presente Ley se expide en cumplimiento de la resolución 1540 (2004) del Consejo de Seguridad de las Naciones Unidas y regula la Ley Federal para el Control de Materiales Sensibles en todo el territorio nacional.
Artículo 2o.- Corresponde a la Secretaría llevar el registro de materiales.
Artículo 2o. Bis.- Las aduanas informarán a la Secretaría.
TRANSITORIOS
Primero.- La presente Ley entrará en vigor al día siguiente de su publicación.
"""

US_CODE_EN = """Title 99— EXAMPLE PROVISIONS
CHAPTER 7A— MARITIME SAFETY


§ 701. Definitions

In this chapter the term “vessel” includes every description of watercraft.

§ 701a. Prohibited conduct

Whoever knowingly transfers a chemical weapon, as defined in the Chemical Weapons Convention, shall be fined.

§ 702. Penalties

A violation of section 701a shall be punished by imprisonment.
"""
