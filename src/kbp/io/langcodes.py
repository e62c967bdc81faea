"""Wikipedia language edition codes, used to find interlanguage links (``de:Name``)."""

from __future__ import annotations

#: Large editions, tried first when a glued link could end in more than one code
#: ("...Racewalkersco:" could be ``co`` or ``sco``; ``ast`` beats ``st``).
MAJOR_CODES: frozenset[str] = frozenset(
    """
    en de fr nl it es ru sv pl ja pt zh uk ca vi no nb fi fa cs hu ko ro id ar tr sr ms
    eo da lt bg he sk kk sl eu hr et gl nn el hi simple az th uz ka la be ur hy ta ceb
    war mk bn lv cy ast sh tt arz af ml te sq bs is ga ky tg mr oc jv sw ku lb
    """.split()
)

WIKI_CODES: frozenset[str] = MAJOR_CODES | frozenset(
    """
    aa ab ace ady ak als alt am an ang arc ary as atj av avk awa ay azb ba ban bar
    bat-smg bcl be-tarask be-x-old bh bi bjn blk bm bo bpy br bug bxr cbk-zam cdo ce
    ch cho chr chy ckb co cr crh csb cu cv dag din diq dsb dty dv dz ee eml ext ff
    fiu-vro fj fo frp frr fur fy gag gan gcr gd glk gn gom gor got gu guc gur guw gv
    ha hak haw hif ho hsb ht hyw hz ia ie ig ii ik ilo inh io iu jam jbo kaa kab kbd
    kbp kcg kg ki kj kl km kn koi kr krc ks ksh kv kw lad lbe lez lfn lg li lij lld lmo
    ln lo lrc ltg mad mai map-bms mdf mg mh mhr mi min mn mni mnw mo mrj mt mus mwl my
    myv mzn na nah nap nds nds-nl ne new ng nia nov nqo nrm nso nv ny olo om or os pa
    pag pam pap pcd pcm pdc pfl pi pih pms pnb pnt ps pwn qu rm rmy rn roa-rup
    roa-tara rue rw sa sah sat sc scn sco sd se sg shi shn si skr sm smn sn so srn ss
    st stq su szl szy tay tcy tet ti tk tl tn to tpi trv ts tum tw ty tyv udm ug ve
    vec vep vls vo wa wo wuu xal xh xmf yi yo yue za zea zgh zh-classical zh-min-nan
    zh-yue zu
    """.split()
)
